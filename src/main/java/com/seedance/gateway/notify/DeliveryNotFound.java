package com.seedance.gateway.notify;

import java.util.UUID;

import org.springframework.http.HttpStatus;

import com.seedance.gateway.shared.ProblemCodes;
import com.seedance.gateway.shared.ProblemException;

/** No notification with that id. */
public class DeliveryNotFound extends ProblemException {

	public DeliveryNotFound(UUID id) {
		super(HttpStatus.NOT_FOUND, ProblemCodes.NOT_FOUND, "No delivery '" + id + "'.");
	}

}

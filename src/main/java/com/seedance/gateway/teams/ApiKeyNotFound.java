package com.seedance.gateway.teams;

import java.util.UUID;

import org.springframework.http.HttpStatus;

import com.seedance.gateway.shared.ProblemCodes;
import com.seedance.gateway.shared.ProblemException;

public class ApiKeyNotFound extends ProblemException {

	public ApiKeyNotFound(UUID keyId) {
		super(HttpStatus.NOT_FOUND, ProblemCodes.NOT_FOUND, "No key '" + keyId + "' in this team.");
	}

}

package com.seedance.gateway.shared;

import org.springframework.http.HttpStatus;

public class PayloadTooLarge extends ProblemException {

	public PayloadTooLarge(long limitBytes) {
		super(HttpStatus.PAYLOAD_TOO_LARGE, ProblemCodes.PAYLOAD_TOO_LARGE,
				"The request body is larger than " + limitBytes + " bytes.");
	}

}

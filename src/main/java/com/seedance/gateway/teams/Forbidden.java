package com.seedance.gateway.teams;

import org.springframework.http.HttpStatus;

import com.seedance.gateway.shared.ProblemCodes;
import com.seedance.gateway.shared.ProblemException;

/** 403: an authenticated credential that may not use this endpoint. */
class Forbidden extends ProblemException {

	Forbidden() {
		super(HttpStatus.FORBIDDEN, ProblemCodes.FORBIDDEN, "This credential may not use this endpoint.");
	}

}

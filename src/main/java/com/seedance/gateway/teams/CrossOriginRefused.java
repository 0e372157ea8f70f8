package com.seedance.gateway.teams;

import org.springframework.http.HttpStatus;

import com.seedance.gateway.shared.ProblemCodes;
import com.seedance.gateway.shared.ProblemException;

/** 403: a cross-origin request (or its preflight) from an origin not in {@code GATEWAY_CORS_ALLOWED_ORIGINS}. */
class CrossOriginRefused extends ProblemException {

	CrossOriginRefused() {
		super(HttpStatus.FORBIDDEN, ProblemCodes.FORBIDDEN,
				"Cross-origin requests from this origin, or with this method or these headers, are not allowed.");
	}

}

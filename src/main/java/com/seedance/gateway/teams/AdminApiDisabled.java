package com.seedance.gateway.teams;

import org.springframework.http.HttpStatus;

import com.seedance.gateway.shared.ProblemCodes;
import com.seedance.gateway.shared.ProblemException;

/** {@code /admin/**} while no admin token is configured: there is no admin API to find. */
class AdminApiDisabled extends ProblemException {

	AdminApiDisabled() {
		super(HttpStatus.NOT_FOUND, ProblemCodes.NOT_FOUND, "The admin API is disabled: GATEWAY_ADMIN_TOKEN is not set.");
	}

}

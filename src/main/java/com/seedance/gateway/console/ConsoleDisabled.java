package com.seedance.gateway.console;

import org.springframework.http.HttpStatus;

import com.seedance.gateway.shared.ProblemCodes;
import com.seedance.gateway.shared.ProblemException;

/** {@code /console/**} while no admin token is configured: there is no console to find, as there is no admin API. */
class ConsoleDisabled extends ProblemException {

	ConsoleDisabled() {
		super(HttpStatus.NOT_FOUND, ProblemCodes.NOT_FOUND, "The console is disabled: GATEWAY_ADMIN_TOKEN is not set.");
	}

}

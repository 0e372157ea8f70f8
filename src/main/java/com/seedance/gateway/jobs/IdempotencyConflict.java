package com.seedance.gateway.jobs;

import org.springframework.http.HttpStatus;

import com.seedance.gateway.shared.ProblemCodes;
import com.seedance.gateway.shared.ProblemException;

/** An {@code Idempotency-Key} the team already used, within its retention, for a different request body. */
public class IdempotencyConflict extends ProblemException {

	public IdempotencyConflict() {
		super(HttpStatus.CONFLICT, ProblemCodes.IDEMPOTENCY_CONFLICT,
				"This Idempotency-Key was already used with a different request body; use a new key for a new request.");
	}

}

package com.seedance.gateway.jobs.web;

import java.util.List;

import org.springframework.http.HttpStatus;

import com.seedance.gateway.shared.FieldViolation;
import com.seedance.gateway.shared.ProblemCodes;
import com.seedance.gateway.shared.ProblemException;

/** A body that is not the JSON {@code POST /jobs} expects: not JSON, not an object, or a field of the wrong JSON type. */
class MalformedJobRequest extends ProblemException {

	private final List<FieldViolation> errors;

	MalformedJobRequest(String detail, List<FieldViolation> errors) {
		super(HttpStatus.BAD_REQUEST, ProblemCodes.MALFORMED_REQUEST, detail);
		this.errors = List.copyOf(errors);
	}

	MalformedJobRequest(String detail) {
		this(detail, List.of());
	}

	List<FieldViolation> errors() {
		return errors;
	}

}

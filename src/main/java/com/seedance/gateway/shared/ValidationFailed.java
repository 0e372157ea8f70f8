package com.seedance.gateway.shared;

import java.util.List;

import org.springframework.http.HttpStatus;

/** A request that parsed but broke a rule; every offending field is listed. */
public class ValidationFailed extends ProblemException {

	private final List<FieldViolation> errors;

	public ValidationFailed(List<FieldViolation> errors) {
		super(HttpStatus.BAD_REQUEST, ProblemCodes.VALIDATION_FAILED, "The request has invalid fields.");
		this.errors = List.copyOf(errors);
	}

	public ValidationFailed(String field, String message) {
		this(List.of(new FieldViolation(field, message)));
	}

	public List<FieldViolation> errors() {
		return errors;
	}

}

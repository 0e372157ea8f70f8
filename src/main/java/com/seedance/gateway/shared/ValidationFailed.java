package com.seedance.gateway.shared;

import java.util.Collection;
import java.util.List;

import jakarta.validation.ConstraintViolation;

import org.springframework.http.HttpStatus;

import tools.jackson.core.JacksonException;

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

	/** The fields Bean Validation rejected, named by their JSON names ({@code quota.daily_jobs}). */
	public static ValidationFailed of(Collection<? extends ConstraintViolation<?>> violations) {
		return new ValidationFailed(violations.stream()
			.map(violation -> new FieldViolation(JsonNames.of(violation.getPropertyPath().toString()),
					violation.getMessage()))
			.toList());
	}

	/** The field whose JSON value Jackson could not bind (wrong type, out of range). */
	public static ValidationFailed of(JacksonException invalid) {
		return new ValidationFailed(jsonPath(invalid), "has an invalid value");
	}

	/** {@code quota.daily_jobs}, {@code content[2].url}: where Jackson failed, as the client wrote it. */
	static String jsonPath(JacksonException invalid) {
		StringBuilder path = new StringBuilder();
		for (JacksonException.Reference reference : invalid.getPath()) {
			if (reference.getPropertyName() != null) {
				path.append(path.isEmpty() ? "" : ".").append(reference.getPropertyName());
			}
			else {
				path.append('[').append(reference.getIndex()).append(']');
			}
		}
		return path.toString();
	}

	public List<FieldViolation> errors() {
		return errors;
	}

}

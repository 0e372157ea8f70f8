package com.seedance.gateway.shared;

import java.util.ArrayList;
import java.util.List;

import jakarta.validation.ConstraintViolation;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.TypeMismatchException;
import org.springframework.context.MessageSourceResolvable;
import org.springframework.core.NestedExceptionUtils;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.validation.FieldError;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.bind.MissingServletRequestParameterException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.method.annotation.HandlerMethodValidationException;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;

import tools.jackson.core.JacksonException;
import tools.jackson.core.exc.InputCoercionException;
import tools.jackson.databind.exc.MismatchedInputException;

/** Every error answered by a controller becomes problem+json with a stable {@code code}. */
@RestControllerAdvice
class ProblemDetailsAdvice extends ResponseEntityExceptionHandler {

	private static final Logger log = LoggerFactory.getLogger(ProblemDetailsAdvice.class);

	@ExceptionHandler(ValidationFailed.class)
	ResponseEntity<Object> validationFailed(ValidationFailed ex) {
		return problem(Problems.validationFailed(ex.errors()));
	}

	@ExceptionHandler(ProblemException.class)
	ResponseEntity<Object> problemException(ProblemException ex) {
		return problem(Problems.of(ex));
	}

	@ExceptionHandler(Exception.class)
	ResponseEntity<?> unexpected(Exception ex) {
		if (DatabaseUnavailable.isCause(ex)) {
			log.warn("Database unavailable: {}", NestedExceptionUtils.getMostSpecificCause(ex).getMessage());
			return Problems.unavailable();
		}
		log.error("Unexpected error", ex);
		return problem(Problems.of(HttpStatus.INTERNAL_SERVER_ERROR, ProblemCodes.INTERNAL,
				"An unexpected error occurred."));
	}

	@Override
	protected ResponseEntity<Object> handleMethodArgumentNotValid(MethodArgumentNotValidException ex,
			HttpHeaders headers, HttpStatusCode status, WebRequest request) {
		List<FieldViolation> errors = new ArrayList<>();
		for (FieldError error : ex.getBindingResult().getFieldErrors()) {
			errors.add(new FieldViolation(field(error), message(error)));
		}
		ex.getBindingResult().getGlobalErrors()
			.forEach(error -> errors.add(new FieldViolation(error.getObjectName(), message(error))));
		return problem(Problems.validationFailed(errors));
	}

	@Override
	protected ResponseEntity<Object> handleHandlerMethodValidationException(HandlerMethodValidationException ex,
			HttpHeaders headers, HttpStatusCode status, WebRequest request) {
		List<FieldViolation> errors = new ArrayList<>();
		ex.getParameterValidationResults().forEach(result -> {
			String name = JsonNames.of(result.getMethodParameter().getParameterName());
			result.getResolvableErrors().forEach(error -> errors.add(new FieldViolation(name, message(error))));
		});
		return problem(Problems.validationFailed(errors));
	}

	@Override
	protected ResponseEntity<Object> handleTypeMismatch(TypeMismatchException ex, HttpHeaders headers,
			HttpStatusCode status, WebRequest request) {
		String name = ex.getPropertyName() == null ? "parameter" : JsonNames.of(ex.getPropertyName());
		return problem(Problems.validationFailed(List.of(new FieldViolation(name, "has an invalid value"))));
	}

	@Override
	protected ResponseEntity<Object> handleMissingServletRequestParameter(MissingServletRequestParameterException ex,
			HttpHeaders headers, HttpStatusCode status, WebRequest request) {
		return problem(Problems.validationFailed(List.of(new FieldViolation(ex.getParameterName(), "is required"))));
	}

	@Override
	protected ResponseEntity<Object> handleHttpMessageNotReadable(HttpMessageNotReadableException ex,
			HttpHeaders headers, HttpStatusCode status, WebRequest request) {
		Throwable cause = NestedExceptionUtils.getRootCause(ex);
		if (cause instanceof PayloadTooLarge tooLarge) {
			return problemException(tooLarge);
		}
		// A well-formed body with a value of the wrong type or out of range names its field, like any other
		// invalid field; a syntax error stays malformed_request.
		if ((ex.getCause() instanceof MismatchedInputException || ex.getCause() instanceof InputCoercionException)
				&& ex.getCause() instanceof JacksonException invalid && !invalid.getPath().isEmpty()) {
			return validationFailed(ValidationFailed.of(invalid));
		}
		return problem(Problems.of(HttpStatus.BAD_REQUEST, ProblemCodes.MALFORMED_REQUEST,
				"The request body is missing or is not the JSON this endpoint expects."));
	}

	@Override
	protected ResponseEntity<Object> handleExceptionInternal(Exception ex, Object body, HttpHeaders headers,
			HttpStatusCode statusCode, WebRequest request) {
		ProblemDetail problem = (body instanceof ProblemDetail detail) ? detail
				: ProblemDetail.forStatus(statusCode);
		if (statusCode.is5xxServerError()) {
			log.error("Request failed", ex);
			problem.setDetail("An unexpected error occurred.");
		}
		Problems.withCode(problem, Problems.defaultCode(statusCode));
		return super.handleExceptionInternal(ex, problem, headers, statusCode, request);
	}

	private static ResponseEntity<Object> problem(ProblemDetail problem) {
		return ResponseEntity.status(problem.getStatus()).body(problem);
	}

	/**
	 * A constraint on a field is named by its Java path, turned into JSON names; a class-level constraint names the
	 * fields it rejects itself, as JSON paths, which stay as they are (a client's {@code metadata.myKey} too).
	 */
	private static String field(FieldError error) {
		if (error.contains(ConstraintViolation.class)) {
			ConstraintViolation<?> violation = error.unwrap(ConstraintViolation.class);
			if (violation.getInvalidValue() == violation.getLeafBean()) {
				return error.getField();
			}
		}
		return JsonNames.of(error.getField());
	}

	private static String message(MessageSourceResolvable error) {
		return error.getDefaultMessage() == null ? "is invalid" : error.getDefaultMessage();
	}

}

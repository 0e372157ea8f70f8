package com.seedance.gateway.shared;

import java.util.ArrayList;
import java.util.List;

import jakarta.validation.ConstraintViolation;

import org.apache.tomcat.util.http.InvalidParameterException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.TypeMismatchException;
import org.springframework.context.MessageSourceResolvable;
import org.springframework.core.NestedExceptionUtils;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.security.web.firewall.RequestRejectedException;
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

/**
 * Every error becomes problem+json with a stable {@code code}: those of controllers, and those that servlet filters
 * and Spring Security hand to the {@code handlerExceptionResolver}. The one renderer of problem responses, except
 * for what the servlet container answers on its own ({@link ProblemErrorReportValve}).
 * <p>
 * Problems are written as {@code application/problem+json} whatever the request's {@code Accept} says, so an
 * unreadable or unsatisfiable {@code Accept} never leaves an error without its body.
 */
@RestControllerAdvice
class ProblemDetailsAdvice extends ResponseEntityExceptionHandler {

	private static final Logger log = LoggerFactory.getLogger(ProblemDetailsAdvice.class);

	@ExceptionHandler(ValidationFailed.class)
	ResponseEntity<Object> validationFailed(ValidationFailed ex) {
		return problem(Problems.validationFailed(ex.errors()), ex.headers());
	}

	@ExceptionHandler(ProblemException.class)
	ResponseEntity<Object> problemException(ProblemException ex) {
		return problem(Problems.of(ex), ex.headers());
	}

	/** Tomcat could not parse the parameters: a bad percent-encoding, bytes that are not UTF-8, too many of them. */
	@ExceptionHandler(InvalidParameterException.class)
	ResponseEntity<Object> invalidParameters(InvalidParameterException ex) {
		HttpStatusCode status = HttpStatusCode.valueOf(ex.getErrorCode());
		if (!status.is4xxClientError()) {
			status = HttpStatus.BAD_REQUEST;
		}
		return problem(Problems.of(status, Problems.defaultCode(status),
				"The request parameters cannot be read: each must be percent-encoded UTF-8."));
	}

	/** Spring Security's firewall refused a header or URL value (control characters, for example). */
	@ExceptionHandler(RequestRejectedException.class)
	ResponseEntity<Object> requestRejected(RequestRejectedException ex) {
		return problemException(new MalformedRequest(MalformedRequest.FORBIDDEN_CHARACTERS));
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
		if (problem.getDetail() == null) {
			problem.setDetail(defaultDetail(statusCode));
		}
		Problems.withCode(problem, Problems.defaultCode(statusCode));
		HttpHeaders problemHeaders = new HttpHeaders();
		problemHeaders.putAll(headers);
		problemHeaders.setContentType(MediaType.APPLICATION_PROBLEM_JSON);
		return super.handleExceptionInternal(ex, problem, problemHeaders, statusCode, request);
	}

	/** For Spring's own exceptions that come without a detail (an unknown path, an unsupported media type, ...). */
	private static String defaultDetail(HttpStatusCode status) {
		return switch (status.value()) {
			case 404 -> "Nothing is found at this path.";
			case 405 -> "This path does not take this method.";
			case 406 -> "The answer can only be application/json, or application/problem+json for a problem.";
			case 415 -> "The body must be application/json.";
			default -> {
				HttpStatus known = HttpStatus.resolve(status.value());
				yield known != null ? known.getReasonPhrase() : "The request could not be handled.";
			}
		};
	}

	private static ResponseEntity<Object> problem(ProblemDetail problem) {
		return problem(problem, HttpHeaders.EMPTY);
	}

	private static ResponseEntity<Object> problem(ProblemDetail problem, HttpHeaders headers) {
		return ResponseEntity.status(problem.getStatus())
			.headers(headers)
			.contentType(MediaType.APPLICATION_PROBLEM_JSON)
			.body(problem);
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

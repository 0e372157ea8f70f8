package com.seedance.gateway.shared;

import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServletRequest;

import io.swagger.v3.oas.annotations.Hidden;

import org.springframework.boot.webmvc.error.ErrorController;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Errors that never reached a controller (container errors, failures inside filters) are rendered here,
 * also as problem+json, never with a stack trace or an exception message. A failure that carries its exception
 * is thrown again, so {@link ProblemDetailsAdvice} renders it as it would inside a controller.
 */
@Hidden // the container's error page, not an operation of the API
@RestController
class ProblemErrorController implements ErrorController {

	@RequestMapping(path = "/error", produces = MediaType.ALL_VALUE)
	ResponseEntity<ProblemDetail> error(HttpServletRequest request) throws Exception {
		if (request.getAttribute(RequestDispatcher.ERROR_EXCEPTION) instanceof Exception failure) {
			throw failure;
		}
		Object code = request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE);
		HttpStatusCode status = HttpStatusCode
			.valueOf(code instanceof Integer value ? value : HttpStatus.INTERNAL_SERVER_ERROR.value());
		String detail = status.is5xxServerError() ? "An unexpected error occurred."
				: HttpStatus.resolve(status.value()) != null ? HttpStatus.resolve(status.value()).getReasonPhrase()
						: "The request could not be handled.";
		ProblemDetail problem = Problems.of(status, Problems.defaultCode(status), detail);
		return ResponseEntity.status(status).contentType(MediaType.APPLICATION_PROBLEM_JSON).body(problem);
	}

}

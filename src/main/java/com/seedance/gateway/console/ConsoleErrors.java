package com.seedance.gateway.console;

import jakarta.servlet.http.HttpServletResponse;

import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ExceptionHandler;

import com.seedance.gateway.shared.ProblemException;

/**
 * A refusal in the console (no such job, team or key; a limit that does not validate) is a page for a person, with
 * the status the API would answer, instead of the API's problem+json.
 */
@ControllerAdvice(basePackageClasses = ConsoleErrors.class)
@Order(Ordered.HIGHEST_PRECEDENCE)
class ConsoleErrors {

	@ExceptionHandler(ProblemException.class)
	String problem(ProblemException problem, Model model, HttpServletResponse response) {
		response.setStatus(problem.status().value());
		model.addAttribute("status", problem.status().value());
		model.addAttribute("message", problem.getMessage());
		return "console/error";
	}

}

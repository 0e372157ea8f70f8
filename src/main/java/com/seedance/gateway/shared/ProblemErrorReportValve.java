package com.seedance.gateway.shared;

import java.io.IOException;
import java.io.Writer;
import java.util.concurrent.atomic.AtomicBoolean;

import org.apache.catalina.connector.Request;
import org.apache.catalina.connector.Response;
import org.apache.catalina.valves.ErrorReportValve;
import org.apache.coyote.ActionCode;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;

import tools.jackson.databind.json.JsonMapper;

/**
 * What Tomcat answers on its own, before the application sees the request (an invalid character in the request
 * line or a header, a bad percent-encoding or an encoded slash in the path, an unknown transfer coding), is
 * problem+json too, with the {@code code} of its status and never a stack trace.
 * <p>
 * Tomcat answers an unsupported HTTP version with 505 and an unknown transfer coding with 501; both are the
 * client's fault, and a client error is never a 5xx here, so they become 400 {@code malformed_request}.
 */
class ProblemErrorReportValve extends ErrorReportValve {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	@Override
	protected void report(Request request, Response response, Throwable throwable) {
		// Only a response marked as an error, with nothing written yet, and reported once.
		if (response.getStatus() < 400 || response.getContentWritten() > 0 || !response.setErrorReported()) {
			return;
		}
		AtomicBoolean ioAllowed = new AtomicBoolean(false);
		response.getCoyoteResponse().action(ActionCode.IS_IO_ALLOWED, ioAllowed);
		if (!ioAllowed.get()) {
			return;
		}
		if (throwable == null && (response.getStatus() == HttpStatus.NOT_IMPLEMENTED.value()
				|| response.getStatus() == HttpStatus.HTTP_VERSION_NOT_SUPPORTED.value())) {
			response.setStatus(HttpStatus.BAD_REQUEST.value());
		}
		HttpStatusCode status = HttpStatusCode.valueOf(response.getStatus());
		String body = JSON.writeValueAsString(Problems.asMap(Problems.of(status, Problems.defaultCode(status), detail(status))));
		try {
			response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
			response.setCharacterEncoding("UTF-8");
			Writer writer = response.getReporter();
			if (writer != null) {
				writer.write(body);
				response.finishResponse();
			}
		}
		catch (IOException | IllegalStateException ex) {
			// the client is gone, or the response was committed meanwhile: nothing more can be said
		}
	}

	private static String detail(HttpStatusCode status) {
		if (status.value() == HttpStatus.BAD_REQUEST.value()) {
			return "The request breaks HTTP's syntax: an invalid character in its request line or a header, "
					+ "a bad percent-encoding or an encoded slash in its path, or a malformed header value.";
		}
		if (status.is5xxServerError()) {
			return "An unexpected error occurred.";
		}
		HttpStatus known = HttpStatus.resolve(status.value());
		return known != null ? known.getReasonPhrase() : "The request could not be handled.";
	}

}

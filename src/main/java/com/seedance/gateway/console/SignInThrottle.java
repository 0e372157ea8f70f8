package com.seedance.gateway.console;

import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * After {@code sign-in-failures} refused sign-ins from one address within {@code sign-in-window}, further sign-ins
 * from it are answered 429 (with {@code Retry-After}) without looking at the token, until the oldest of those
 * refusals is older than the window. Refusals are counted in the audit table, so the limit holds across instances
 * and restarts; a throttled attempt is not a refusal and does not extend the wait. The address is the client's as
 * the servlet container sees it, which behind a trusted proxy is the one {@code X-Forwarded-For} names.
 */
class SignInThrottle extends OncePerRequestFilter {

	static final String PAGE = """
			<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>Too many sign-in attempts</title></head>
			<body><h1>Too many sign-in attempts</h1><p>Too many sign-ins from this address were refused.
			Try again in %d minute(s).</p><p><a href="/console/login">Back to sign-in</a></p></body></html>""";

	private final AuditLog audit;

	private final ConsoleProperties properties;

	private final Clock clock;

	SignInThrottle(AuditLog audit, ConsoleProperties properties, Clock clock) {
		this.audit = audit;
		this.properties = properties;
		this.clock = clock;
	}

	@Override
	protected boolean shouldNotFilter(HttpServletRequest request) {
		return !("POST".equals(request.getMethod()) && ConsoleSecurityConfiguration.SIGN_IN.equals(request.getServletPath()));
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		Instant now = clock.instant();
		Instant since = now.minus(properties.signInWindow());
		String address = request.getRemoteAddr();
		if (audit.refusedSignIns(address, since) < properties.signInFailures()) {
			chain.doFilter(request, response);
			return;
		}
		Instant oldest = audit.oldestRefusedSignIn(address, since);
		Duration wait = oldest == null ? Duration.ZERO : Duration.between(now, oldest.plus(properties.signInWindow()));
		long seconds = Math.max(1, wait.toSeconds() + 1);
		response.setHeader(HttpHeaders.RETRY_AFTER, Long.toString(seconds));
		ConsoleSecurityConfiguration.html(response, HttpStatus.TOO_MANY_REQUESTS, PAGE.formatted((seconds + 59) / 60));
	}

}

package com.seedance.gateway.teams;

import java.io.IOException;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.jspecify.annotations.Nullable;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.filter.OncePerRequestFilter;

import com.seedance.gateway.shared.JobLogContext;

/**
 * Runs right after authentication: a request made with a team key is logged with its team, and one whose path names
 * a job ({@code /jobs/{id}}, {@code /jobs/{id}/…}) with that job too ({@link JobLogContext}). Only a well-formed id
 * is taken from the path, so what a client writes there never reaches the log context as it is.
 */
class TeamLogContextFilter extends OncePerRequestFilter {

	private static final Pattern JOB_PATH = Pattern
		.compile("/jobs/(\\p{XDigit}{8}-\\p{XDigit}{4}-\\p{XDigit}{4}-\\p{XDigit}{4}-\\p{XDigit}{12})(/.*)?");

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
		if (authentication == null || !(authentication.getPrincipal() instanceof TeamPrincipal team)) {
			chain.doFilter(request, response);
			return;
		}
		UUID jobId = jobIn(request);
		try (JobLogContext context = jobId == null ? JobLogContext.forTeam(team.teamId())
				: JobLogContext.open(jobId, team.teamId())) {
			chain.doFilter(request, response);
		}
	}

	private static @Nullable UUID jobIn(HttpServletRequest request) {
		Matcher path = JOB_PATH.matcher(request.getRequestURI().substring(request.getContextPath().length()));
		return path.matches() ? UUID.fromString(path.group(1)) : null;
	}

}

package com.seedance.gateway.teams;

import java.io.IOException;
import java.util.List;
import java.util.Optional;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.web.util.matcher.RequestMatcher;
import org.springframework.web.filter.OncePerRequestFilter;

import com.seedance.gateway.shared.ProblemCodes;
import com.seedance.gateway.shared.ProblemResponseWriter;
import com.seedance.gateway.shared.Problems;
import com.seedance.gateway.shared.Secrets;

/**
 * Reads {@code Authorization: Bearer ...}: on {@code /admin/**} the operators' token, compared in
 * constant time; elsewhere a team key, looked up by its hash on every request so a revocation holds at once.
 * A presented but invalid credential is refused here; a missing one is left to the authorization rules.
 */
class BearerTokenFilter extends OncePerRequestFilter {

	static final String ROLE_ADMIN = "ROLE_ADMIN";

	static final String ROLE_TEAM = "ROLE_TEAM";

	private static final String BEARER = "Bearer ";


	private final ApiKeys apiKeys;

	private final AdminProperties admin;

	private final ProblemResponseWriter problems;

	private final byte[] adminTokenHash;

	private final RequestMatcher publicPaths;

	BearerTokenFilter(ApiKeys apiKeys, AdminProperties admin, ProblemResponseWriter problems,
			RequestMatcher publicPaths) {
		this.publicPaths = publicPaths;
		this.apiKeys = apiKeys;
		this.admin = admin;
		this.problems = problems;
		this.adminTokenHash = admin.adminEnabled() ? Secrets.sha256(admin.adminToken()) : new byte[0];
	}

	/**
	 * Public endpoints ignore credentials: a probe or proxy that adds a token must not be refused there, and
	 * the sandbox is called with the upstream's key, not a team key.
	 */
	@Override
	protected boolean shouldNotFilter(HttpServletRequest request) {
		return publicPaths.matches(request);
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		boolean adminPath = isAdminPath(request);
		if (adminPath && !admin.adminEnabled()) {
			problems.write(response, Problems.of(HttpStatus.NOT_FOUND, ProblemCodes.NOT_FOUND,
					"The admin API is disabled: GATEWAY_ADMIN_TOKEN is not set."));
			return;
		}
		Optional<String> token = bearerToken(request);
		if (token.isEmpty()) {
			chain.doFilter(request, response);
			return;
		}
		if (adminPath) {
			if (!isAdminToken(token.get())) {
				unauthorized(response, "The bearer token is not the admin token.");
				return;
			}
			authenticate("admin", ROLE_ADMIN);
		}
		else {
			Optional<TeamPrincipal> team = apiKeys.authenticate(token.get());
			if (team.isEmpty()) {
				unauthorized(response, "The API key is unknown or revoked.");
				return;
			}
			authenticate(team.get(), ROLE_TEAM);
		}
		chain.doFilter(request, response);
	}

	private boolean isAdminToken(String presented) {
		return Secrets.matches(presented, adminTokenHash);
	}

	private static boolean isAdminPath(HttpServletRequest request) {
		String path = request.getRequestURI().substring(request.getContextPath().length());
		return path.equals("/admin") || path.startsWith("/admin/");
	}

	private static Optional<String> bearerToken(HttpServletRequest request) {
		String header = request.getHeader(HttpHeaders.AUTHORIZATION);
		if (header == null || !header.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
			return Optional.empty();
		}
		String token = header.substring(BEARER.length()).trim();
		return token.isEmpty() ? Optional.empty() : Optional.of(token);
	}

	private static void authenticate(Object principal, String role) {
		var authentication = UsernamePasswordAuthenticationToken.authenticated(principal, null,
				List.of(new SimpleGrantedAuthority(role)));
		SecurityContextHolder.getContext().setAuthentication(authentication);
	}

	private void unauthorized(HttpServletResponse response, String detail) throws IOException {
		response.setHeader(HttpHeaders.WWW_AUTHENTICATE, "Bearer error=\"invalid_token\"");
		problems.write(response, Problems.of(HttpStatus.UNAUTHORIZED, ProblemCodes.UNAUTHORIZED, detail));
	}

}

package com.seedance.gateway.teams;

import java.io.IOException;
import java.util.List;
import java.util.Optional;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.http.HttpHeaders;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.web.firewall.RequestRejectedException;
import org.springframework.security.web.util.matcher.RequestMatcher;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.servlet.HandlerExceptionResolver;

import com.seedance.gateway.shared.Secrets;

/**
 * Reads {@code Authorization: Bearer ...}: on {@code /admin/**} the operators' token, compared in
 * constant time; elsewhere a team key, checked by {@link ApiKeys} (from memory when the instance knows it; a
 * revocation evicts it everywhere) and then held to the key's request rate ({@link RateLimits}: 429).
 * A presented but invalid credential is refused here; a missing one is left to the authorization rules.
 * Refusals, and a failure to look a key up (the database down: 503), are handed to the MVC exception resolver,
 * which renders every problem response.
 */
class BearerTokenFilter extends OncePerRequestFilter {

	static final String ROLE_ADMIN = "ROLE_ADMIN";

	static final String ROLE_TEAM = "ROLE_TEAM";

	private static final String BEARER = "Bearer ";

	private final ApiKeys apiKeys;

	private final RateLimits rateLimits;

	private final AdminProperties admin;

	private final HandlerExceptionResolver exceptionResolver;

	private final byte[] adminTokenHash;

	private final RequestMatcher publicPaths;

	BearerTokenFilter(ApiKeys apiKeys, RateLimits rateLimits, AdminProperties admin,
			HandlerExceptionResolver exceptionResolver, RequestMatcher publicPaths) {
		this.publicPaths = publicPaths;
		this.apiKeys = apiKeys;
		this.rateLimits = rateLimits;
		this.admin = admin;
		this.exceptionResolver = exceptionResolver;
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
		try {
			authenticate(request);
		}
		catch (RuntimeException failure) {
			if (exceptionResolver.resolveException(request, response, null, failure) == null) {
				throw failure;
			}
			return;
		}
		chain.doFilter(request, response);
	}

	/** Authenticates the request's bearer token, if it has one; throws when it may not go on. */
	private void authenticate(HttpServletRequest request) {
		boolean adminPath = isAdminPath(request);
		if (adminPath && !admin.adminEnabled()) {
			throw new AdminApiDisabled();
		}
		Optional<String> token = bearerToken(request);
		if (token.isEmpty()) {
			return;
		}
		if (adminPath) {
			if (!isAdminToken(token.get())) {
				throw Unauthenticated.invalidToken("The bearer token is not the admin token.");
			}
			authenticate("admin", ROLE_ADMIN);
		}
		else {
			TeamPrincipal team = apiKeys.authenticate(token.get())
				.orElseThrow(() -> Unauthenticated.invalidToken("The API key is unknown or revoked."));
			rateLimits.admit(team.keyId());
			authenticate(team, ROLE_TEAM);
		}
	}

	private boolean isAdminToken(String presented) {
		return Secrets.matches(presented, adminTokenHash);
	}

	private static boolean isAdminPath(HttpServletRequest request) {
		String path = request.getRequestURI().substring(request.getContextPath().length());
		return path.equals("/admin") || path.startsWith("/admin/");
	}

	/**
	 * A header Spring Security's firewall refuses to read (control characters, such as the bytes of a UTF-8 token
	 * read as ISO-8859-1) is no valid credential either: 401, like any other token that is not a key.
	 */
	private static Optional<String> bearerToken(HttpServletRequest request) {
		String header;
		try {
			header = request.getHeader(HttpHeaders.AUTHORIZATION);
		}
		catch (RequestRejectedException ex) {
			throw Unauthenticated.invalidToken("The Authorization header holds characters no token has.");
		}
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

}

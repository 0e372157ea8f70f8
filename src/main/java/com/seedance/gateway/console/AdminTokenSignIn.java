package com.seedance.gateway.console;

import java.util.List;

import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.authority.SimpleGrantedAuthority;

import com.seedance.gateway.shared.Secrets;
import com.seedance.gateway.teams.AdminProperties;

/**
 * The sign-in form's {@code token} must be the admin token, compared in constant time; anything else (a team key
 * included) is refused. The operator it signs in is "operator": there is one admin token, so one kind of operator.
 */
class AdminTokenSignIn implements AuthenticationProvider {

	static final String OPERATOR = "operator";

	private final byte[] adminTokenHash;

	AdminTokenSignIn(AdminProperties admin) {
		this.adminTokenHash = admin.adminEnabled() ? Secrets.sha256(admin.adminToken()) : new byte[0];
	}

	@Override
	public Authentication authenticate(Authentication authentication) {
		Object token = authentication.getCredentials();
		if (adminTokenHash.length == 0 || !(token instanceof String presented) || presented.isEmpty()
				|| !Secrets.matches(presented, adminTokenHash)) {
			throw new BadCredentialsException("Not the admin token.");
		}
		return UsernamePasswordAuthenticationToken.authenticated(OPERATOR, null,
				List.of(new SimpleGrantedAuthority(ConsoleSecurityConfiguration.ROLE_OPERATOR)));
	}

	@Override
	public boolean supports(Class<?> authentication) {
		return UsernamePasswordAuthenticationToken.class.isAssignableFrom(authentication);
	}

}

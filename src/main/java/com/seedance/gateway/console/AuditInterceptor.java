package com.seedance.gateway.console;

import java.util.Locale;
import java.util.Set;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.HandlerInterceptor;

/**
 * Audits every request that may change something ({@code POST}, {@code PUT}, {@code PATCH}, {@code DELETE}) on
 * {@code /admin/**} and {@code /console/**}, once it has been answered: the one place both the admin API and the
 * console are audited, so neither can forget an action. The action is named after the handler method
 * ({@code revokeKey} is "revoke key"); the target is the method and path. Requests refused before a handler ran
 * (no or a wrong credential, a missing CSRF token) changed nothing and are not recorded here.
 */
class AuditInterceptor implements HandlerInterceptor {

	private static final Set<String> CHANGING = Set.of("POST", "PUT", "PATCH", "DELETE");

	private final ObjectProvider<AuditLog> audit;

	AuditInterceptor(ObjectProvider<AuditLog> audit) {
		this.audit = audit;
	}

	@Override
	public void afterCompletion(HttpServletRequest request, HttpServletResponse response, Object handler,
			@Nullable Exception ex) {
		if (!CHANGING.contains(request.getMethod()) || !(handler instanceof HandlerMethod method)) {
			return;
		}
		int status = ex != null && response.getStatus() < 400 ? 500 : response.getStatus();
		audit.getObject().record(request, actor(request), words(method.getMethod().getName()), status);
	}

	private static String actor(HttpServletRequest request) {
		Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
		if (authentication != null && authentication.getAuthorities()
			.stream()
			.anyMatch(authority -> ConsoleSecurityConfiguration.ROLE_OPERATOR.equals(authority.getAuthority()))) {
			return AuditLog.sessionActor(request.getSession(false));
		}
		return AuditLog.ADMIN_TOKEN;
	}

	/** {@code issueWebhookSecret} as "issue webhook secret". */
	static String words(String camelCase) {
		return camelCase.replaceAll("([a-z0-9])([A-Z])", "$1 $2").toLowerCase(Locale.ROOT);
	}

}

package com.seedance.gateway.console;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;

import jakarta.servlet.DispatcherType;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.security.authentication.ProviderManager;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.HeadersConfigurer.FrameOptionsConfig;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.LoginUrlAuthenticationEntryPoint;
import org.springframework.security.web.authentication.SavedRequestAwareAuthenticationSuccessHandler;
import org.springframework.security.web.authentication.UsernamePasswordAuthenticationFilter;
import org.springframework.security.web.header.writers.ReferrerPolicyHeaderWriter.ReferrerPolicy;
import org.springframework.security.web.session.DisableEncodeUrlFilter;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.servlet.HandlerExceptionResolver;

import com.seedance.gateway.teams.AdminProperties;

/**
 * The console's own filter chain, in front of the API's: {@code /console/**} only, signed in with the admin token
 * on a form ({@code token}, plus Spring Security's {@code _csrf}) into a session (Spring Session JDBC: the cookie
 * is {@code HttpOnly}, {@code SameSite=Strict}, {@code Secure} when the request came over HTTPS, scoped to
 * {@code /console}). A bearer header means nothing here, so team keys and the admin token as a header never open
 * it. CSRF protection on every form, the policy of {@link ContentSecurityPolicy} on every answer. Without an admin
 * token the whole console answers 404.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(ConsoleProperties.class)
class ConsoleSecurityConfiguration {

	static final String ROLE_OPERATOR = "ROLE_OPERATOR";

	static final String SIGN_IN = "/console/login";

	static final String SIGN_OUT = "/console/logout";

	static final String HOME = "/console/jobs";

	@Bean
	@Order(Ordered.HIGHEST_PRECEDENCE)
	SecurityFilterChain consoleSecurityFilterChain(HttpSecurity http, AdminProperties admin, AuditLog audit,
			ConsoleProperties properties, Clock clock,
			@Qualifier("handlerExceptionResolver") HandlerExceptionResolver exceptionResolver) throws Exception {
		SavedRequestAwareAuthenticationSuccessHandler toRequestedPage = new SavedRequestAwareAuthenticationSuccessHandler();
		toRequestedPage.setDefaultTargetUrl(HOME);
		toRequestedPage.setAlwaysUseDefaultTargetUrl(false);
		http.securityMatcher("/console", "/console/**")
			.addFilterBefore(new ConsoleSwitch(admin, exceptionResolver), DisableEncodeUrlFilter.class)
			.addFilterBefore(new SignInThrottle(audit, properties, clock), UsernamePasswordAuthenticationFilter.class)
			.authenticationManager(new ProviderManager(new AdminTokenSignIn(admin)))
			.headers(headers -> headers.contentSecurityPolicy(csp -> csp.policyDirectives(ContentSecurityPolicy.DEFAULT))
				.frameOptions(FrameOptionsConfig::deny)
				.referrerPolicy(referrer -> referrer.policy(ReferrerPolicy.SAME_ORIGIN)))
			.formLogin(form -> form.loginPage(SIGN_IN)
				.loginProcessingUrl(SIGN_IN)
				.passwordParameter("token")
				.successHandler((request, response, authentication) -> {
					audit.record(request, AuditLog.sessionActor(request.getSession(false)), AuditLog.SIGN_IN,
							HttpStatus.FOUND.value());
					toRequestedPage.onAuthenticationSuccess(request, response, authentication);
				})
				.failureHandler((request, response, exception) -> {
					audit.record(request, "sign-in form", AuditLog.SIGN_IN_REFUSED, HttpStatus.FOUND.value());
					response.sendRedirect(SIGN_IN + "?error");
				}))
			.logout(logout -> logout.logoutUrl(SIGN_OUT)
				.addLogoutHandler((request, response, authentication) -> audit.record(request,
						AuditLog.sessionActor(request.getSession(false)), AuditLog.SIGN_OUT, HttpStatus.FOUND.value()))
				.logoutSuccessUrl(SIGN_IN + "?signed-out"))
			.authorizeHttpRequests(requests -> requests
				.dispatcherTypeMatchers(DispatcherType.ERROR, DispatcherType.ASYNC).permitAll()
				.requestMatchers(SIGN_IN, "/console/assets/**").permitAll()
				.anyRequest().hasAuthority(ROLE_OPERATOR))
			.exceptionHandling(handling -> handling.authenticationEntryPoint(new LoginUrlAuthenticationEntryPoint(SIGN_IN))
				.accessDeniedHandler((request, response, denied) -> html(response, HttpStatus.FORBIDDEN, DENIED)));
		return http.build();
	}

	/** A form posted without this session's CSRF token, or from another page: refused, nothing changed. */
	static final String DENIED = """
			<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>Refused</title></head>
			<body><h1>Refused</h1><p>The request did not carry this session's form token (CSRF), so nothing was changed.
			The page may be older than your session: open it again and retry.</p>
			<p><a href="/console/jobs">Back to the console</a></p></body></html>""";

	static void html(HttpServletResponse response, HttpStatus status, String page) throws IOException {
		response.setStatus(status.value());
		response.setContentType(MediaType.TEXT_HTML_VALUE);
		response.setCharacterEncoding(StandardCharsets.UTF_8.name());
		response.getWriter().write(page);
	}

	/** Without an admin token there is no console: every path under it is 404, before anything else runs. */
	static final class ConsoleSwitch extends OncePerRequestFilter {

		private final boolean enabled;

		private final HandlerExceptionResolver exceptionResolver;

		ConsoleSwitch(AdminProperties admin, HandlerExceptionResolver exceptionResolver) {
			this.enabled = admin.adminEnabled();
			this.exceptionResolver = exceptionResolver;
		}

		@Override
		protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
				throws ServletException, IOException {
			if (enabled) {
				chain.doFilter(request, response);
				return;
			}
			ConsoleDisabled disabled = new ConsoleDisabled();
			if (exceptionResolver.resolveException(request, response, null, disabled) == null) {
				throw disabled;
			}
		}

	}

}

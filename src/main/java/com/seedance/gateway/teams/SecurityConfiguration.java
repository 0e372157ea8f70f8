package com.seedance.gateway.teams;

import java.time.Duration;
import java.util.Arrays;
import java.util.List;

import jakarta.servlet.DispatcherType;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.config.observation.SecurityObservationSettings;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.provisioning.InMemoryUserDetailsManager;
import org.springframework.security.web.DefaultSecurityFilterChain;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.AnonymousAuthenticationFilter;
import org.springframework.security.web.firewall.RequestRejectedHandler;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;
import org.springframework.security.web.util.matcher.OrRequestMatcher;
import org.springframework.security.web.util.matcher.RequestMatcher;
import org.springframework.web.cors.CorsConfiguration;
import org.springframework.web.cors.CorsConfigurationSource;
import org.springframework.web.cors.UrlBasedCorsConfigurationSource;
import org.springframework.web.filter.CorsFilter;
import org.springframework.web.servlet.HandlerExceptionResolver;

import com.seedance.gateway.shared.MalformedRequest;
import com.seedance.gateway.shared.ProblemException;

/**
 * Who may call what. Every refusal (no or a bad credential, a credential for another API, a request the firewall
 * rejects) is a {@link ProblemException} handed to the MVC exception resolver, the one renderer of problem responses.
 */
@Configuration(proxyBeanMethods = false)
class SecurityConfiguration {

	/** Open to anyone; credentials sent there are ignored. */
	private static final String[] PUBLIC_PATHS = { "/webhooks/seedance/**", "/sandbox/**", "/actuator/health",
			"/actuator/health/**", "/actuator/prometheus", "/v3/api-docs", "/v3/api-docs/**", "/swagger-ui.html",
			"/swagger-ui/**" };

	/** The team API a browser page on an allowed origin may call; the operators' API stays same-origin only. */
	private static final String[] CROSS_ORIGIN_PATHS = { "/jobs", "/jobs/**", "/usage" };

	@Bean
	SecurityFilterChain securityFilterChain(HttpSecurity http, ApiKeys apiKeys, RateLimits rateLimits,
			AdminProperties admin, CorsProperties cors,
			@Qualifier("handlerExceptionResolver") HandlerExceptionResolver exceptionResolver) throws Exception {
		RequestMatcher publicPaths = new OrRequestMatcher(Arrays.stream(PUBLIC_PATHS)
			.<RequestMatcher>map(PathPatternRequestMatcher.withDefaults()::matcher)
			.toList());
		// before authentication: a preflight carries no credential and is answered by the CORS filter alone
		http.cors(configurer -> configurer.configurationSource(crossOrigin(cors)))
			.csrf(csrf -> csrf.disable())
			.httpBasic(basic -> basic.disable())
			.formLogin(form -> form.disable())
			.logout(logout -> logout.disable())
			.requestCache(cache -> cache.disable())
			.sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
			.addFilterBefore(new BearerTokenFilter(apiKeys, rateLimits, admin, exceptionResolver, publicPaths),
					AnonymousAuthenticationFilter.class)
			.addFilterAfter(new TeamLogContextFilter(), BearerTokenFilter.class)
			.authorizeHttpRequests(requests -> requests
				.dispatcherTypeMatchers(DispatcherType.ERROR, DispatcherType.ASYNC).permitAll()
				.requestMatchers("/admin/**").hasAuthority(BearerTokenFilter.ROLE_ADMIN)
				.requestMatchers("/jobs", "/jobs/**", "/usage").hasAuthority(BearerTokenFilter.ROLE_TEAM)
				.requestMatchers(publicPaths).permitAll()
				.anyRequest().authenticated())
			.exceptionHandling(handling -> handling
				.authenticationEntryPoint((request, response, ex) -> resolve(exceptionResolver, request, response,
						Unauthenticated.missingToken()))
				.accessDeniedHandler((request, response, ex) -> resolve(exceptionResolver, request, response,
						new Forbidden())));
		DefaultSecurityFilterChain chain = http.build();
		chain.getFilters()
			.stream()
			.filter(CorsFilter.class::isInstance)
			.forEach(filter -> ((CorsFilter) filter).setCorsProcessor(new ProblemCorsProcessor(exceptionResolver)));
		return chain;
	}

	/**
	 * {@code GATEWAY_CORS_ALLOWED_ORIGINS} on the team API: the bearer key in {@code Authorization} (no cookies,
	 * so no credentials mode), the headers the API reads and the response headers a page may want. Unset: no
	 * configuration anywhere, so no CORS response headers and browsers keep pages of other origins out.
	 */
	static CorsConfigurationSource crossOrigin(CorsProperties cors) {
		UrlBasedCorsConfigurationSource source = new UrlBasedCorsConfigurationSource();
		if (!cors.enabled()) {
			return source;
		}
		CorsConfiguration api = new CorsConfiguration();
		api.setAllowedOrigins(cors.corsAllowedOrigins());
		api.setAllowedMethods(List.of("GET", "HEAD", "POST"));
		api.setAllowedHeaders(List.of("Authorization", "Content-Type", "Idempotency-Key", "Last-Event-ID", "If-None-Match"));
		api.setExposedHeaders(List.of("Location", "Retry-After", "Idempotent-Replayed", "ETag"));
		api.setAllowCredentials(false);
		api.setMaxAge(Duration.ofHours(1));
		for (String path : CROSS_ORIGIN_PATHS) {
			source.registerCorsConfiguration(path, api);
		}
		return source;
	}

	/**
	 * The firewall's refusals (an encoded slash or dot segment, control characters in a header it was asked for)
	 * are 400 {@code malformed_request}, rendered like every other problem.
	 */
	@Bean
	RequestRejectedHandler requestRejectedHandler(
			@Qualifier("handlerExceptionResolver") HandlerExceptionResolver exceptionResolver) {
		return (request, response, ex) -> resolve(exceptionResolver, request, response,
				new MalformedRequest(MalformedRequest.FORBIDDEN_CHARACTERS));
	}

	private static void resolve(HandlerExceptionResolver exceptionResolver, HttpServletRequest request,
			HttpServletResponse response, ProblemException problem) {
		if (exceptionResolver.resolveException(request, response, null, problem) == null) {
			throw problem;
		}
	}

	/**
	 * No observation of the security chain: with an observation registry, Spring Security would wrap each of its
	 * filters in an observation of its own (and time every authentication and authorization), a cost on every
	 * request for metrics nobody reads. Requests are still observed as a whole ({@code http.server.requests}).
	 */
	@Bean
	SecurityObservationSettings noSecurityObservations() {
		return SecurityObservationSettings.noObservations();
	}

	/** No user accounts: keeps Boot from creating a default user and logging its password. */
	@Bean
	UserDetailsService noUsers() {
		return new InMemoryUserDetailsManager();
	}

}

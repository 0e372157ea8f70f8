package com.seedance.gateway.teams;

import java.util.Arrays;

import jakarta.servlet.DispatcherType;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.provisioning.InMemoryUserDetailsManager;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.AnonymousAuthenticationFilter;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;
import org.springframework.security.web.util.matcher.OrRequestMatcher;
import org.springframework.security.web.util.matcher.RequestMatcher;

import com.seedance.gateway.shared.ProblemCodes;
import com.seedance.gateway.shared.ProblemResponseWriter;
import com.seedance.gateway.shared.Problems;

@Configuration(proxyBeanMethods = false)
class SecurityConfiguration {

	/** Open to anyone; credentials sent there are ignored. */
	private static final String[] PUBLIC_PATHS = { "/webhooks/seedance/**", "/sandbox/**", "/actuator/health",
			"/actuator/health/**", "/actuator/prometheus", "/v3/api-docs", "/v3/api-docs/**", "/swagger-ui.html",
			"/swagger-ui/**" };

	@Bean
	SecurityFilterChain securityFilterChain(HttpSecurity http, ApiKeys apiKeys, AdminProperties admin,
			ProblemResponseWriter problems) throws Exception {
		RequestMatcher publicPaths = new OrRequestMatcher(Arrays.stream(PUBLIC_PATHS)
			.<RequestMatcher>map(PathPatternRequestMatcher.withDefaults()::matcher)
			.toList());
		http.csrf(csrf -> csrf.disable())
			.httpBasic(basic -> basic.disable())
			.formLogin(form -> form.disable())
			.logout(logout -> logout.disable())
			.requestCache(cache -> cache.disable())
			.sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
			.addFilterBefore(new BearerTokenFilter(apiKeys, admin, problems, publicPaths),
					AnonymousAuthenticationFilter.class)
			.authorizeHttpRequests(requests -> requests
				.dispatcherTypeMatchers(DispatcherType.ERROR, DispatcherType.ASYNC).permitAll()
				.requestMatchers("/admin/**").hasAuthority(BearerTokenFilter.ROLE_ADMIN)
				.requestMatchers("/jobs", "/jobs/**", "/usage").hasAuthority(BearerTokenFilter.ROLE_TEAM)
				.requestMatchers(publicPaths).permitAll()
				.anyRequest().authenticated())
			.exceptionHandling(handling -> handling
				.authenticationEntryPoint((request, response, ex) -> {
					response.setHeader(HttpHeaders.WWW_AUTHENTICATE, "Bearer");
					problems.write(response, Problems.of(HttpStatus.UNAUTHORIZED, ProblemCodes.UNAUTHORIZED,
							"A bearer token is required: Authorization: Bearer <key>."));
				})
				.accessDeniedHandler((request, response, ex) -> problems.write(response, Problems
					.of(HttpStatus.FORBIDDEN, ProblemCodes.FORBIDDEN, "This credential may not use this endpoint."))));
		return http.build();
	}

	/** No user accounts: keeps Boot from creating a default user and logging its password. */
	@Bean
	UserDetailsService noUsers() {
		return new InMemoryUserDetailsManager();
	}

}

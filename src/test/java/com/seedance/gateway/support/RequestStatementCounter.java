package com.seedance.gateway.support;

import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

import javax.sql.DataSource;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import net.ttddyy.dsproxy.ExecutionInfo;
import net.ttddyy.dsproxy.QueryInfo;
import net.ttddyy.dsproxy.listener.QueryExecutionListener;
import net.ttddyy.dsproxy.support.ProxyDataSourceBuilder;

import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.core.Ordered;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Counts the SQL statements each HTTP request issues, for tests that guard the hot paths: import it into a test
 * context. The context's {@link DataSource} is wrapped by datasource-proxy, and a servlet filter, first of all
 * filters (so authentication counts too), collects the statements run on the request's thread while it is handled,
 * under the value of its {@link #HEADER} header. Statements of other threads (schedulers, listeners) never count.
 * A JDBC batch counts as one statement (one round trip); commits are not statements.
 */
@TestConfiguration(proxyBeanMethods = false)
public class RequestStatementCounter implements QueryExecutionListener {

	/** The request header whose value names the request's statements: {@link #statementsOf(String)}. */
	public static final String HEADER = "X-Test-Statements";

	private final ThreadLocal<@Nullable List<String>> current = new ThreadLocal<>();

	private final Map<String, List<String>> byRequest = new ConcurrentHashMap<>();

	/**
	 * The SQL of each statement the request tagged {@code tag} issued, in order (empty when it issued none). Complete
	 * once its response has arrived: a request's statements all run before it answers.
	 */
	public List<String> statementsOf(String tag) {
		return List.copyOf(byRequest.getOrDefault(tag, List.of()));
	}

	/** Whether {@code sql} reads or writes team API keys: what authenticating a request costs. */
	public static boolean onApiKeys(String sql) {
		return sql.toLowerCase(java.util.Locale.ROOT).contains("api_key");
	}

	@Override
	public void beforeQuery(ExecutionInfo execution, List<QueryInfo> queries) {
	}

	@Override
	public void afterQuery(ExecutionInfo execution, List<QueryInfo> queries) {
		List<String> statements = current.get();
		if (statements != null) {
			String sql = queries.isEmpty() ? "?" : queries.get(0).getQuery();
			statements.add(execution.isBatch() ? sql + " -- batch of " + execution.getBatchSize() : sql);
		}
	}

	@Bean
	static BeanPostProcessor statementCountingDataSource(ObjectProvider<RequestStatementCounter> counter) {
		return new BeanPostProcessor() {

			@Override
			public Object postProcessAfterInitialization(Object bean, String beanName) {
				if (bean instanceof DataSource dataSource) {
					return ProxyDataSourceBuilder.create(dataSource).name(beanName).listener(counter.getObject()).build();
				}
				return bean;
			}

		};
	}

	@Bean
	FilterRegistrationBean<OncePerRequestFilter> statementCountingFilter() {
		FilterRegistrationBean<OncePerRequestFilter> registration = new FilterRegistrationBean<>(
				new OncePerRequestFilter() {

					@Override
					protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response,
							FilterChain chain) throws ServletException, IOException {
						String tag = request.getHeader(HEADER);
						if (tag == null) {
							chain.doFilter(request, response);
							return;
						}
						// registered before it fills: the client may read it as soon as the response is sent
						List<String> statements = new CopyOnWriteArrayList<>();
						byRequest.put(tag, statements);
						current.set(statements);
						try {
							chain.doFilter(request, response);
						}
						finally {
							current.remove();
						}
					}

				});
		registration.setOrder(Ordered.HIGHEST_PRECEDENCE);
		return registration;
	}

}

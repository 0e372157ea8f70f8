package com.seedance.gateway.support;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import javax.sql.DataSource;

import net.ttddyy.dsproxy.ExecutionInfo;
import net.ttddyy.dsproxy.QueryInfo;
import net.ttddyy.dsproxy.listener.QueryExecutionListener;
import net.ttddyy.dsproxy.support.ProxyDataSourceBuilder;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;

/**
 * Counts the SQL statements the application runs through its {@code DataSource} (each statement of a batch
 * counts), with their text for assertion messages. A test class imports {@link Installed} and autowires this:
 *
 * <pre>
 * &#64;Import(SqlStatementCounter.Installed.class)
 * ...
 * List&lt;String&gt; sql = counter.during(() -&gt; client.get("/jobs/" + id, key));
 * assertThat(sql).hasSize(1);
 * </pre>
 *
 * It sees every statement of the context, whichever thread runs it (a scheduled task too), and none of the
 * listening connection of {@code PostgresNotifications}, which is not from the pool.
 */
public final class SqlStatementCounter implements QueryExecutionListener {

	private final List<String> statements = new CopyOnWriteArrayList<>();

	/** The statements run while {@code action} ran. */
	public List<String> during(Runnable action) {
		statements.clear();
		action.run();
		return List.copyOf(statements);
	}

	public void reset() {
		statements.clear();
	}

	/** The statements run since the last {@link #reset} or {@link #during}. */
	public List<String> statements() {
		return List.copyOf(statements);
	}

	@Override
	public void beforeQuery(ExecutionInfo execution, List<QueryInfo> queries) {
	}

	@Override
	public void afterQuery(ExecutionInfo execution, List<QueryInfo> queries) {
		for (QueryInfo query : queries) {
			statements.add(query.getQuery());
		}
	}

	/** Wraps the application's {@code DataSource} so that the {@link SqlStatementCounter} bean sees its statements. */
	@TestConfiguration(proxyBeanMethods = false)
	public static class Installed {

		@Bean
		static SqlStatementCounter sqlStatementCounter() {
			return new SqlStatementCounter();
		}

		@Bean
		static BeanPostProcessor countingDataSource(ObjectProvider<SqlStatementCounter> counter) {
			return new BeanPostProcessor() {
				@Override
				public Object postProcessAfterInitialization(Object bean, String beanName) {
					if (bean instanceof DataSource dataSource) {
						return ProxyDataSourceBuilder.create(dataSource).name(beanName).listener(counter.getObject())
							.build();
					}
					return bean;
				}
			};
		}

	}

}

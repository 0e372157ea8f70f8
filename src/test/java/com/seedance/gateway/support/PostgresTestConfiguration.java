package com.seedance.gateway.support;

import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.testcontainers.service.connection.ServiceConnection;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Conditional;
import org.springframework.test.context.DynamicPropertyRegistrar;
import org.testcontainers.postgresql.PostgreSQLContainer;

/**
 * The one place that decides where tests get their PostgreSQL: a Testcontainers container when a Docker
 * engine answers, otherwise a database made fresh for each test context on the local server at
 * 127.0.0.1:5432 and dropped when the JVM exits. Never an in-memory stand-in.
 */
@TestConfiguration(proxyBeanMethods = false)
public class PostgresTestConfiguration {

	@Bean
	@ServiceConnection
	@Conditional(DockerAvailable.class)
	PostgreSQLContainer postgresContainer() {
		return new PostgreSQLContainer("postgres:16-alpine");
	}

	@Bean
	@Conditional(DockerAvailable.Not.class)
	DynamicPropertyRegistrar localPostgres() {
		LocalPostgres database = LocalPostgres.createFreshDatabase();
		return registry -> {
			registry.add("spring.datasource.url", database::jdbcUrl);
			registry.add("spring.datasource.username", database::username);
			registry.add("spring.datasource.password", database::password);
		};
	}

}

package com.seedance.gateway.support;

import org.testcontainers.postgresql.PostgreSQLContainer;

/**
 * An empty database for a gateway outside the Spring test context (the packaged jar as a process), from the same
 * place {@link PostgresTestConfiguration} takes it: a Testcontainers container when a Docker engine answers,
 * otherwise a database made fresh on the local server. Either is gone when the JVM exits.
 */
public record FreshDatabase(String jdbcUrl, String username, String password) {

	public static FreshDatabase create() {
		if (DockerAvailable.isAvailable()) {
			PostgreSQLContainer container = new PostgreSQLContainer("postgres:16-alpine");
			container.start();
			Runtime.getRuntime().addShutdownHook(new Thread(container::stop));
			return new FreshDatabase(container.getJdbcUrl(), container.getUsername(), container.getPassword());
		}
		LocalPostgres database = LocalPostgres.createFreshDatabase();
		return new FreshDatabase(database.jdbcUrl(), database.username(), database.password());
	}

}

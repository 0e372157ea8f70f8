package com.seedance.gateway.support;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.UUID;

/**
 * A database made fresh on the local PostgreSQL server (default 127.0.0.1:5432, user postgres; override
 * with TEST_POSTGRES_HOST/PORT/USER/PASSWORD) and dropped when the JVM exits.
 */
record LocalPostgres(String jdbcUrl, String username, String password) {

	private static final String HOST = env("TEST_POSTGRES_HOST", "127.0.0.1");

	private static final String PORT = env("TEST_POSTGRES_PORT", "5432");

	private static final String USER = env("TEST_POSTGRES_USER", "postgres");

	private static final String PASSWORD = env("TEST_POSTGRES_PASSWORD", "");

	static LocalPostgres createFreshDatabase() {
		String name = "gateway_test_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
		execute("CREATE DATABASE " + name);
		Runtime.getRuntime().addShutdownHook(new Thread(() -> execute("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)")));
		return new LocalPostgres(url(name), USER, PASSWORD);
	}

	private static void execute(String sql) {
		try (Connection connection = DriverManager.getConnection(url("postgres"), USER, PASSWORD);
				Statement statement = connection.createStatement()) {
			statement.execute(sql);
		}
		catch (SQLException ex) {
			throw new IllegalStateException("No Docker engine and no usable PostgreSQL at " + HOST + ":" + PORT
					+ " (start it, or set TEST_POSTGRES_HOST/PORT/USER/PASSWORD): " + ex.getMessage(), ex);
		}
	}

	private static String url(String database) {
		return "jdbc:postgresql://" + HOST + ":" + PORT + "/" + database;
	}

	private static String env(String name, String fallback) {
		String value = System.getenv(name);
		return value == null || value.isBlank() ? fallback : value;
	}

}

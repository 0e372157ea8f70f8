package com.seedance.gateway.support;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import javax.sql.DataSource;

import com.zaxxer.hikari.HikariDataSource;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

import com.seedance.gateway.GatewayApplication;

/** Another gateway instance, in this JVM, on the test's own database: what a second replica would be. */
public final class SecondInstance {

	private SecondInstance() {
	}

	/** Starts it on a random port with the test profile, the database of {@code dataSource} and {@code settings}. */
	public static ConfigurableApplicationContext start(DataSource dataSource, Map<String, String> settings)
			throws SQLException {
		HikariDataSource hikari = dataSource.unwrap(HikariDataSource.class);
		List<String> args = new ArrayList<>();
		args.add("--spring.datasource.url=" + hikari.getJdbcUrl());
		args.add("--spring.datasource.username=" + hikari.getUsername());
		args.add("--spring.datasource.password=" + (hikari.getPassword() == null ? "" : hikari.getPassword()));
		args.add("--server.port=0");
		settings.forEach((name, value) -> args.add("--" + name + "=" + value));
		return new SpringApplicationBuilder(GatewayApplication.class).profiles("test").run(args.toArray(String[]::new));
	}

	/** The port it listens on. */
	public static int port(ConfigurableApplicationContext instance) {
		return Integer.parseInt(instance.getEnvironment().getProperty("local.server.port"));
	}

}

package com.seedance.gateway.dev;

import java.nio.file.Path;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.ApplicationListener;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Conditional;
import org.springframework.core.env.Environment;

/**
 * What the development run adds to the gateway: unless a datasource is configured, an embedded PostgreSQL (its
 * {@link DevPostgres} is the application's {@code JdbcConnectionDetails}, as a {@code @ServiceConnection} would be),
 * and one line at startup saying what runs.
 */
@TestConfiguration(proxyBeanMethods = false)
public class DevServices {

	/** The profile of the development run: {@code application-dev.yml}. */
	public static final String PROFILE = "dev";

	static final String DEV_ADMIN_TOKEN = "dev-admin-token";

	private static final Logger log = LoggerFactory.getLogger(DevServices.class);

	@Bean(destroyMethod = "close")
	@Conditional(ConfiguredDatasource.Absent.class)
	DevPostgres devPostgres(Environment environment) {
		return DevPostgres.start(Path.of(environment.getProperty("dev.postgres.directory", DevPostgres.FOLDER)),
				environment.getProperty("user.name", ""));
	}

	@Bean
	ApplicationListener<ApplicationReadyEvent> devRunSummary(ObjectProvider<DevPostgres> postgres) {
		return event -> log.info(summary(event.getApplicationContext().getEnvironment(), postgres.getIfAvailable()));
	}

	/** E.g. "Development gateway on http://localhost:8080: admin token dev-admin-token, sandbox upstream, ...". */
	static String summary(Environment environment, @Nullable DevPostgres postgres) {
		String port = environment.getProperty("local.server.port", environment.getProperty("server.port", "8080"));
		String token = environment.getProperty("gateway.admin-token", "");
		String admin = token.isBlank() ? "no admin token (the admin API is off)"
				: token.equals(DEV_ADMIN_TOKEN) ? "admin token " + DEV_ADMIN_TOKEN : "the admin token you configured";
		String upstream = environment.getProperty("seedance.sandbox", Boolean.class, false) ? "sandbox upstream"
				: "upstream " + environment.getProperty("seedance.base-url");
		String database = (postgres != null) ? "embedded PostgreSQL in " + postgres.folder() + " (port "
				+ postgres.port() + "; delete the folder to start empty)"
				: "PostgreSQL at " + environment.getProperty("spring.datasource.url");
		return "Development gateway on http://localhost:" + port + ": " + admin + ", " + upstream + ", " + database;
	}

}

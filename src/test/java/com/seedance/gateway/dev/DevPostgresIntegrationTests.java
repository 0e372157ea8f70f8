package com.seedance.gateway.dev;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import java.nio.file.Path;

import javax.sql.DataSource;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.flyway.autoconfigure.FlywayAutoConfiguration;
import org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration;
import org.springframework.boot.jdbc.autoconfigure.JdbcConnectionDetails;
import org.springframework.boot.test.context.ConfigDataApplicationContextInitializer;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

/**
 * The embedded PostgreSQL of the development run, started for real. PostgreSQL refuses to run as root, so these are
 * skipped as root (as in CI); {@link DevServicesTests} checks that refusal.
 */
class DevPostgresIntegrationTests {

	/** One per class, so that the PostgreSQL binaries are unpacked once (into postgres-binaries beside the data). */
	@TempDir
	static Path dev;

	@BeforeEach
	void not_as_root() {
		assumeFalse(System.getProperty("user.name").equals("root"), "PostgreSQL does not run as root");
	}

	@Test
	void the_data_stays_in_the_folder_between_runs_and_the_port_is_never_5432() throws Exception {
		Path data = dev.resolve("kept");
		try (DevPostgres postgres = DevPostgres.start(data, System.getProperty("user.name"))) {
			assertThat(postgres.port()).isNotEqualTo(5432);
			assertThat(postgres.getJdbcUrl()).isEqualTo("jdbc:postgresql://localhost:" + postgres.port() + "/seedance_gateway");
			jdbc(postgres).sql("CREATE TABLE team (id text PRIMARY KEY)").update();
			jdbc(postgres).sql("INSERT INTO team VALUES ('marketing')").update();
		}
		try (DevPostgres postgres = DevPostgres.start(data, System.getProperty("user.name"))) {
			assertThat(jdbc(postgres).sql("SELECT id FROM team").query(String.class).list()).containsExactly("marketing");
		}
	}

	@Test
	void the_dev_run_migrates_and_uses_the_embedded_postgresql_when_no_datasource_is_configured() {
		new ApplicationContextRunner().withInitializer(new ConfigDataApplicationContextInitializer())
			.withUserConfiguration(DevServices.class)
			.withConfiguration(AutoConfigurations.of(DataSourceAutoConfiguration.class, FlywayAutoConfiguration.class))
			.withPropertyValues("spring.profiles.active=" + DevServices.PROFILE,
					"dev.postgres.directory=" + dev.resolve("wired"))
			.run(context -> {
				assertThat(context).hasNotFailed();
				DevPostgres postgres = context.getBean(DevPostgres.class);
				assertThat(context.getBean(JdbcConnectionDetails.class)).isSameAs(postgres);
				assertThat(JdbcClient.create(context.getBean(DataSource.class))
					.sql("SELECT current_database() || ':' || current_setting('port') || ':' || count(*) FROM flyway_schema_history")
					.query(String.class)
					.single()).matches("seedance_gateway:" + postgres.port() + ":\\d+").doesNotEndWith(":0");
			});
	}

	private static JdbcClient jdbc(DevPostgres postgres) {
		return JdbcClient.create(new DriverManagerDataSource(postgres.getJdbcUrl(), postgres.getUsername(),
				postgres.getPassword()));
	}

}

package com.seedance.gateway.dev;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.diagnostics.FailureAnalyzer;
import org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration;
import org.springframework.boot.jdbc.autoconfigure.JdbcConnectionDetails;
import org.springframework.boot.test.context.ConfigDataApplicationContextInitializer;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.env.SystemEnvironmentPropertySource;
import org.springframework.core.io.support.SpringFactoriesLoader;
import org.springframework.core.io.support.SpringFactoriesLoader.FailureHandler;
import org.springframework.mock.env.MockEnvironment;

/**
 * What CI (which runs as root) can check of the development run without starting PostgreSQL: which datasource it
 * picks, the dev profile's settings, the refusal as root and the startup line. {@link DevPostgresIntegrationTests}
 * starts the embedded PostgreSQL for real when not run as root.
 */
class DevServicesTests {

	private static final String CONFIGURED_URL = "jdbc:postgresql://db.example:5432/gateway";

	/** The development run's context: application.yml, the dev profile, DevServices and the datasource auto-configuration. */
	private final ApplicationContextRunner devRun = new ApplicationContextRunner()
		.withInitializer(new ConfigDataApplicationContextInitializer())
		.withUserConfiguration(DevServices.class)
		.withConfiguration(AutoConfigurations.of(DataSourceAutoConfiguration.class))
		.withPropertyValues("spring.profiles.active=" + DevServices.PROFILE);

	@Test
	void the_default_datasource_of_application_yml_does_not_count_as_configured() {
		new ApplicationContextRunner().withInitializer(new ConfigDataApplicationContextInitializer())
			.run(context -> {
				assertThat(context.getEnvironment().getProperty("spring.datasource.url")).contains("127.0.0.1:5432");
				assertThat(ConfiguredDatasource.url(context.getEnvironment())).isNull();
			});
	}

	@Test
	void spring_datasource_url_in_the_environment_wins_and_no_embedded_postgresql_starts() {
		this.devRun.withInitializer(environmentVariables(Map.of("SPRING_DATASOURCE_URL", CONFIGURED_URL)))
			.run(context -> {
				assertThat(context).hasNotFailed().doesNotHaveBean(DevPostgres.class);
				assertThat(context.getBean(JdbcConnectionDetails.class).getJdbcUrl()).isEqualTo(CONFIGURED_URL);
			});
	}

	@Test
	void a_datasource_url_given_as_a_property_wins_too() {
		this.devRun.withSystemProperties("spring.datasource.url=" + CONFIGURED_URL)
			.run(context -> {
				assertThat(context).hasNotFailed().doesNotHaveBean(DevPostgres.class);
				assertThat(context.getBean(JdbcConnectionDetails.class).getJdbcUrl()).isEqualTo(CONFIGURED_URL);
			});
	}

	@Test
	void without_a_configured_datasource_it_starts_the_embedded_postgresql_which_refuses_root_in_one_line() {
		this.devRun.withPropertyValues("user.name=root").run(context -> {
			assertThat(context).hasFailed();
			Throwable failure = context.getStartupFailure();
			assertThat(failure).rootCause()
				.isInstanceOf(DevRunRefused.class)
				.hasMessage("Embedded PostgreSQL cannot run as root: run ./mvnw spring-boot:test-run as a normal user, "
						+ "or start your own PostgreSQL and set SPRING_DATASOURCE_URL");
			FailureAnalysis analysis = registeredAnalyzer().analyze(failure);
			assertThat(analysis.getDescription()).isEqualTo(rootCause(failure).getMessage()).doesNotContain("\n");
			assertThat(analysis.getAction()).contains("normal user", "SPRING_DATASOURCE_URL=");
		});
	}

	@Test
	void the_dev_profile_turns_on_the_sandbox_the_admin_token_and_callbacks_to_this_instance() {
		this.devRun.withPropertyValues("spring.datasource.url=" + CONFIGURED_URL).run(context -> {
			assertThat(context.getEnvironment().getProperty("seedance.sandbox")).isEqualTo("true");
			assertThat(context.getEnvironment().getProperty("gateway.admin-token")).isEqualTo("dev-admin-token");
			assertThat(context.getEnvironment().getProperty("gateway.public-url")).isEqualTo("http://localhost:8080");
		});
	}

	@Test
	void environment_variables_still_win_over_the_dev_profile() {
		this.devRun.withPropertyValues("spring.datasource.url=" + CONFIGURED_URL)
			.withInitializer(environmentVariables(Map.of("GATEWAY_ADMIN_TOKEN", "my-token", "SEEDANCE_SANDBOX", "false",
					"SERVER_PORT", "9090")))
			.run(context -> {
				assertThat(context.getEnvironment().getProperty("seedance.sandbox")).isEqualTo("false");
				assertThat(context.getEnvironment().getProperty("gateway.admin-token")).isEqualTo("my-token");
				assertThat(context.getEnvironment().getProperty("gateway.public-url")).isEqualTo("http://localhost:9090");
			});
	}

	@Test
	void the_startup_line_names_the_admin_token_the_upstream_and_the_database() {
		MockEnvironment environment = new MockEnvironment().withProperty("local.server.port", "8080")
			.withProperty("gateway.admin-token", "dev-admin-token")
			.withProperty("seedance.sandbox", "true")
			.withProperty("spring.datasource.url", CONFIGURED_URL);
		assertThat(DevServices.summary(environment, null)).isEqualTo("Development gateway on http://localhost:8080: "
				+ "admin token dev-admin-token, sandbox upstream, PostgreSQL at " + CONFIGURED_URL);

		environment.withProperty("gateway.admin-token", "a-real-secret")
			.withProperty("seedance.sandbox", "false")
			.withProperty("seedance.base-url", "https://api.defapi.org");
		assertThat(DevServices.summary(environment, null)).doesNotContain("a-real-secret")
			.contains("the admin token you configured, upstream https://api.defapi.org");
	}

	/** Environment variables, where the real ones are: below system properties, above every config file. */
	private static ApplicationContextInitializer<ConfigurableApplicationContext> environmentVariables(
			Map<String, Object> variables) {
		return context -> context.getEnvironment()
			.getPropertySources()
			.addBefore(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME,
					new SystemEnvironmentPropertySource("testEnvironment", variables));
	}

	private static FailureAnalyzer registeredAnalyzer() {
		// other analyzers want the application's bean factory: skip them, only ours matters here
		return SpringFactoriesLoader.forDefaultResourceLocation()
			.load(FailureAnalyzer.class, null, FailureHandler.handleMessage((message, failure) -> {
			}))
			.stream()
			.filter(DevRunRefusedFailureAnalyzer.class::isInstance)
			.findFirst()
			.orElseThrow(() -> new AssertionError("DevRunRefusedFailureAnalyzer is not in META-INF/spring.factories"));
	}

	private static Throwable rootCause(Throwable failure) {
		Throwable cause = failure;
		while (cause.getCause() != null) {
			cause = cause.getCause();
		}
		return cause;
	}

}

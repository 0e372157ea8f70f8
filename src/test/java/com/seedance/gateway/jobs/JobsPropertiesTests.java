package com.seedance.gateway.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.env.SystemEnvironmentPropertySource;

class JobsPropertiesTests {

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withUserConfiguration(PropertiesOnly.class);

	@Test
	void defaults_allow_one_model_ten_thousand_characters_and_any_notify_host() {
		runner.run(context -> {
			JobsProperties properties = context.getBean(JobsProperties.class);
			assertThat(properties.jobs().models()).containsExactly("seedance-2.0");
			assertThat(properties.defaultModel()).isEqualTo("seedance-2.0");
			assertThat(properties.jobs().maxTextLength()).isEqualTo(10_000);
			assertThat(properties.allowsNotifyHost("anything.example")).isTrue();
			assertThat(properties.jobs().idempotencyRetention()).isEqualTo(Duration.ofHours(24));
		});
	}

	@Test
	void idempotency_keys_may_be_kept_longer_than_a_day_never_shorter() {
		runner.withPropertyValues("gateway.jobs.idempotency-retention=48h")
			.run(context -> assertThat(context.getBean(JobsProperties.class).jobs().idempotencyRetention())
				.isEqualTo(Duration.ofHours(48)));
		runner.withPropertyValues("gateway.jobs.idempotency-retention=23h").run(context -> assertThat(context)
			.getFailure()
			.rootCause()
			.hasMessageContaining("gateway.jobs.idempotency-retention must be at least 24h"));
	}

	@Test
	void the_environment_variables_bind() {
		runner.withInitializer(context -> context.getEnvironment().getPropertySources()
			.addFirst(new SystemEnvironmentPropertySource("test-" + StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME,
					Map.of("GATEWAY_NOTIFY_ALLOWED_HOSTS", "Hooks.example.com, *.internal.example",
							"GATEWAY_JOBS_MODELS", "seedance-2.0-fast,seedance-2.0", "GATEWAY_JOBS_MAX_TEXT_LENGTH", "500"))))
			.run(context -> {
				JobsProperties properties = context.getBean(JobsProperties.class);
				assertThat(properties.notifyAllowedHosts()).containsExactly("hooks.example.com", "*.internal.example");
				assertThat(properties.jobs().models()).containsExactly("seedance-2.0-fast", "seedance-2.0");
				assertThat(properties.defaultModel()).isEqualTo("seedance-2.0-fast");
				assertThat(properties.jobs().maxTextLength()).isEqualTo(500);
			});
	}

	@Test
	void notify_hosts_match_exactly_or_by_suffix_ignoring_case() {
		JobsProperties properties = new JobsProperties(new JobsProperties.Jobs(List.of("m"), 1, Duration.ofHours(24)),
				List.of("hooks.example.com", "*.internal.example"));

		assertThat(properties.allowsNotifyHost("HOOKS.example.com")).isTrue();
		assertThat(properties.allowsNotifyHost("a.b.internal.example")).isTrue();
		assertThat(properties.allowsNotifyHost("internal.example")).isFalse();
		assertThat(properties.allowsNotifyHost("evil.example.com")).isFalse();
	}

	@Test
	void startup_fails_without_a_model() {
		runner.withPropertyValues("gateway.jobs.models= ").run(context -> assertThat(context).hasFailed());
	}

	@EnableConfigurationProperties(JobsProperties.class)
	static class PropertiesOnly {

	}

}

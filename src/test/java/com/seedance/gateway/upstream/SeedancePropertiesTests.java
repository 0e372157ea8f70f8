package com.seedance.gateway.upstream;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.core.env.SystemEnvironmentPropertySource;

class SeedancePropertiesTests {

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withUserConfiguration(PropertiesOnly.class);

	@Test
	void startup_fails_with_a_clear_message_when_neither_key_nor_sandbox_is_set() {
		runner.withPropertyValues("seedance.api-key= ").run(context -> {
			assertThat(context).hasFailed();
			assertThat(context.getStartupFailure()).rootCause()
				.hasMessageContaining("Set SEEDANCE_API_KEY (the upstream key) or SEEDANCE_SANDBOX=true");
		});
	}

	@Test
	void the_environment_variables_bind() {
		runner.withInitializer(context -> context.getEnvironment().getPropertySources()
			.addFirst(new SystemEnvironmentPropertySource("test-env",
					Map.of("SEEDANCE_BASE_URL", "http://upstream.internal:8081", "SEEDANCE_API_KEY", "dk-env-key",
							"SEEDANCE_SANDBOX", "false"))))
			.run(context -> {
				SeedanceProperties properties = context.getBean(SeedanceProperties.class);
				assertThat(properties.baseUrl()).isEqualTo(URI.create("http://upstream.internal:8081"));
				assertThat(properties.apiKey()).isEqualTo("dk-env-key");
				assertThat(properties.toString()).doesNotContain("dk-env-key");
			});
	}

	@Test
	void sandbox_needs_no_key_and_has_defaults() {
		runner.withInitializer(context -> context.getEnvironment().getPropertySources()
			.addFirst(new SystemEnvironmentPropertySource("test-env", Map.of("SEEDANCE_SANDBOX", "true"))))
			.run(context -> {
				SeedanceProperties properties = context.getBean(SeedanceProperties.class);
				assertThat(properties.sandbox()).isTrue();
				assertThat(properties.baseUrl()).isEqualTo(URI.create("https://api.defapi.org"));
				assertThat(properties.connectTimeout()).isEqualTo(Duration.ofSeconds(5));
				assertThat(properties.responseTimeout()).isEqualTo(Duration.ofSeconds(30));
				assertThat(properties.sandboxSettings().taskDuration()).isEqualTo(Duration.ofSeconds(3));
			});
	}

	@EnableConfigurationProperties(SeedanceProperties.class)
	static class PropertiesOnly {

	}

}

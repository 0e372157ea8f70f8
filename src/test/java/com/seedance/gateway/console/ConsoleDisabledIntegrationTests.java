package com.seedance.gateway.console;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.TestPropertySource;

import com.seedance.gateway.support.GatewayIntegrationTest;

/** Without an admin token there is no console, as there is no admin API. */
@GatewayIntegrationTest
@TestPropertySource(properties = "gateway.admin-token=")
class ConsoleDisabledIntegrationTests {

	@LocalServerPort
	int port;

	@Test
	void every_console_path_is_not_found() {
		ConsoleHttp console = new ConsoleHttp(port);

		assertThat(console.get("/console").status()).isEqualTo(404);
		assertThat(console.get("/console/login").status()).isEqualTo(404);
		assertThat(console.get("/console/jobs").status()).isEqualTo(404);
		assertThat(console.get("/console/assets/console.css").status()).isEqualTo(404);
		assertThat(console.postRaw("/console/login", java.util.Map.of("token", "")).status()).isEqualTo(404);
	}

}

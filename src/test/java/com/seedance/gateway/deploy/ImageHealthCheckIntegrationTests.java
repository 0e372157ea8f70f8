package com.seedance.gateway.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

import com.seedance.gateway.deploy.Dockerfile.Instruction;
import com.seedance.gateway.support.GatewayIntegrationTest;

/**
 * The image's {@code HEALTHCHECK} command, taken from the Dockerfile and run by bash as Docker runs it in the
 * container (no Docker engine here): it passes against a started gateway on the port {@code SERVER_PORT} names,
 * and fails where nothing answers.
 */
@GatewayIntegrationTest
class ImageHealthCheckIntegrationTests {

	@LocalServerPort
	int port;

	@Test
	void the_health_check_passes_against_a_started_gateway() throws Exception {
		assertThat(healthCheck(port)).isZero();
	}

	@Test
	void the_health_check_fails_where_no_gateway_listens() throws Exception {
		int closed;
		try (ServerSocket socket = new ServerSocket(0)) {
			closed = socket.getLocalPort();
		}
		assertThat(healthCheck(closed)).isNotZero();
	}

	/** The exit status of the HEALTHCHECK command with {@code SERVER_PORT} set, as in the container. */
	private static int healthCheck(int serverPort) throws IOException, InterruptedException {
		Instruction check = Dockerfile.parse(DeploymentFiles.text(DeploymentFiles.ROOT.resolve("Dockerfile")))
			.runStage()
			.last("HEALTHCHECK")
			.orElseThrow();
		Duration timeout = Duration.parse("PT" + check.option("timeout").toUpperCase(Locale.ROOT));
		ProcessBuilder builder = new ProcessBuilder(check.execForm()).redirectErrorStream(true);
		builder.environment().put("SERVER_PORT", String.valueOf(serverPort));
		Process process = builder.start();
		if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
			process.destroyForcibly();
			throw new AssertionError("the health check did not end within its --timeout of " + timeout);
		}
		process.getInputStream().transferTo(System.out);
		return process.exitValue();
	}

}

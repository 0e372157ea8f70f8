package com.seedance.gateway.support;

import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The packaged jar ({@code target/seedance-gateway.jar}) running as a process of its own, as an operator starts it:
 * {@code java -jar} on the JVM that runs the tests, configured only by the contract's environment variables (none
 * inherited from the test's environment), on a free port. Its output goes to {@code target/<name>.log}.
 */
public final class GatewayProcess {

	public static final Path JAR = Path.of("target", "seedance-gateway.jar");

	/** Variables of the test's own environment that would configure the gateway: never passed on. */
	private static final List<String> GATEWAY_PREFIXES = List.of("SPRING_", "SERVER_", "SEEDANCE_", "GATEWAY_",
			"MANAGEMENT_", "LOGGING_", "JAVA_TOOL_OPTIONS", "JDK_JAVA_OPTIONS");

	private static final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

	private final String name;

	private final Process process;

	private final int port;

	private final Path log;

	private GatewayProcess(String name, Process process, int port, Path log) {
		this.name = name;
		this.process = process;
		this.port = port;
		this.log = log;
	}

	/** Starts the jar with {@code environment} (and {@code SERVER_PORT}) and waits until it is ready. */
	public static GatewayProcess start(String name, Map<String, String> environment, Duration startup)
			throws IOException {
		if (!Files.isRegularFile(JAR)) {
			throw new IllegalStateException(JAR.toAbsolutePath() + " is missing: ./mvnw package builds it (./mvnw verify"
					+ " runs the *IT classes after it)");
		}
		int port = freePort();
		Path log = Path.of("target", name + ".log");
		String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
		// C1 only: startup and shutdown cost less CPU on a loaded machine, and neither behaves otherwise
		ProcessBuilder builder = new ProcessBuilder(java, "-XX:TieredStopAtLevel=1", "-jar", JAR.toString())
			.redirectErrorStream(true)
			.redirectOutput(log.toFile());
		builder.environment().keySet().removeIf(variable -> GATEWAY_PREFIXES.stream().anyMatch(variable::startsWith));
		builder.environment().putAll(environment);
		builder.environment().put("SERVER_PORT", Integer.toString(port));
		GatewayProcess gateway = new GatewayProcess(name, builder.start(), port, log);
		try {
			gateway.awaitReady(startup);
		}
		catch (RuntimeException | Error ex) {
			gateway.kill();
			throw ex;
		}
		return gateway;
	}

	private void awaitReady(Duration atMost) {
		await(name + " ready (log: " + log.toAbsolutePath() + ")").atMost(atMost)
			.pollInterval(Duration.ofMillis(200))
			.until(() -> {
				if (!process.isAlive()) {
					throw new IllegalStateException(name + " exited with " + process.exitValue() + " before it was ready; "
							+ "log: " + log.toAbsolutePath());
				}
				return isReady();
			});
	}

	private boolean isReady() {
		try {
			return http.send(HttpRequest.newBuilder(uri("/actuator/health/readiness")).timeout(Duration.ofSeconds(2))
				.build(), HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
		}
		catch (IOException ex) {
			return false;
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return false;
		}
	}

	public URI uri(String path) {
		return URI.create("http://127.0.0.1:" + port + path);
	}

	/**
	 * Sends SIGTERM ({@link Process#destroy()} on Linux and macOS), as Kubernetes or Docker stop a container, and
	 * waits up to {@code atMost} for the process to exit.
	 */
	public Exit terminate(Duration atMost) throws InterruptedException {
		long start = System.nanoTime();
		process.destroy();
		if (!process.waitFor(atMost.toMillis(), TimeUnit.MILLISECONDS)) {
			kill();
			throw new AssertionError(name + " did not exit within " + atMost + " of SIGTERM; log: " + log.toAbsolutePath());
		}
		return new Exit(process.exitValue(), Duration.ofNanos(System.nanoTime() - start));
	}

	/** SIGKILL, for cleaning up after a failed test. */
	public void kill() {
		process.destroyForcibly();
	}

	public String log() {
		try {
			return Files.readString(log);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/** How the process ended after SIGTERM, and how long that took. */
	public record Exit(int code, Duration took) {
	}

	private static int freePort() throws IOException {
		try (ServerSocket socket = new ServerSocket(0)) {
			return socket.getLocalPort();
		}
	}

}

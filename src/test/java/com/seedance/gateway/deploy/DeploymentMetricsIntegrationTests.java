package com.seedance.gateway.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import com.seedance.gateway.deploy.DeploymentFiles.Query;
import com.seedance.gateway.deploy.PromQl.LabelMatcher;
import com.seedance.gateway.deploy.PromQl.Selector;
import com.seedance.gateway.jobs.JobStatus;
import com.seedance.gateway.support.GatewayClient;
import com.seedance.gateway.support.GatewayIntegrationTest;
import com.seedance.gateway.support.JobRequests;
import com.seedance.gateway.support.TestTeams;
import com.seedance.gateway.teams.Quota;

/**
 * Every metric and label the Grafana dashboard and the Prometheus alert rules query is one the gateway exposes
 * on {@code /actuator/prometheus}. The gateway runs with its sandbox upstream and callbacks; a job goes through
 * to success and a quota refusal happens, so the metrics that appear on first use are there to be read.
 */
@GatewayIntegrationTest
@DirtiesContext
class DeploymentMetricsIntegrationTests {

	/** Labels Prometheus adds to every series it scrapes. */
	private static final Set<String> TARGET_LABELS = Set.of("instance", "job");

	/** Metrics of Prometheus itself, not of the gateway. */
	private static final Set<String> PROMETHEUS_METRICS = Set.of("up");

	static final int PORT = freePort();

	@DynamicPropertySource
	static void properties(DynamicPropertyRegistry registry) {
		registry.add("seedance.sandbox", () -> "true");
		registry.add("seedance.api-key", () -> "");
		registry.add("seedance.sandbox-settings.processing-after", () -> "100ms");
		registry.add("seedance.sandbox-settings.task-duration", () -> "400ms");
		registry.add("gateway.tracking.enabled", () -> "true");
		registry.add("gateway.tracking.dispatch-interval", () -> "50ms");
		registry.add("gateway.poll-interval", () -> "50ms");
		registry.add("server.port", () -> PORT);
		registry.add("gateway.public-url", () -> "http://localhost:" + PORT);
	}

	@Autowired
	TestTeams teams;

	@Test
	void every_metric_and_label_the_dashboard_and_the_alerts_query_is_one_the_gateway_exposes() {
		Map<String, Map<String, Set<String>>> exposed = exposedAfterAJobAndAQuotaRefusal();
		Set<String> registeredOnFirstUse = countersNamedInTheSources();
		List<String> problems = new ArrayList<>();

		for (Query query : DeploymentFiles.queries()) {
			for (Selector selector : PromQl.selectors(query.expression())) {
				String metric = selector.metric();
				if (PROMETHEUS_METRICS.contains(metric)) {
					continue;
				}
				Map<String, Set<String>> labels = exposed.get(metric);
				if (labels == null && registeredOnFirstUse.contains(metric)) {
					labels = Map.of("application", Set.of("seedance-gateway"));
				}
				if (labels == null) {
					problems.add(query.where() + ": " + metric + " is not exposed");
					continue;
				}
				for (LabelMatcher matcher : selector.matchers()) {
					if (!labels.containsKey(matcher.label()) && !TARGET_LABELS.contains(matcher.label())) {
						problems.add(query.where() + ": " + metric + " has no label " + matcher.label());
					}
					else if (matcher.label().equals("application") || (metric.equals("gateway_jobs_status_changes_total")
							&& matcher.label().equals("status"))) {
						Set<String> known = matcher.label().equals("application") ? labels.get("application")
								: jobStatusTags();
						matcher.values().stream()
							.filter(value -> !known.contains(value))
							.forEach(value -> problems.add(query.where() + ": " + metric + " never has "
									+ matcher.label() + "=\"" + value + "\" (known: " + known + ")"));
					}
				}
			}
		}
		assertThat(problems).isEmpty();
	}

	/** Metric name → label name → values seen, from the gateway's scrape once a job has gone through. */
	private Map<String, Map<String, Set<String>>> exposedAfterAJobAndAQuotaRefusal() {
		GatewayClient client = new GatewayClient(PORT);
		String key = teams.keyFor(teams.create(new Quota(null, 1, null)));
		assertThat(client.post("/jobs", key, JobRequests.text("a cat").json()).status()).isEqualTo(202);
		assertThat(client.post("/jobs", key, JobRequests.text("a dog").json()).status()).isEqualTo(429);

		return await().atMost(Duration.ofSeconds(20)).until(() -> scrape(client), metrics -> {
			Map<String, Set<String>> statusChanges = metrics.getOrDefault("gateway_jobs_status_changes_total", Map.of());
			Map<String, Set<String>> requests = metrics.getOrDefault("http_server_requests_seconds_count", Map.of());
			return statusChanges.getOrDefault("status", Set.of()).contains("succeeded")
					&& requests.getOrDefault("uri", Set.of()).contains("/webhooks/seedance/{token}")
					&& requests.getOrDefault("status", Set.of()).contains("429");
		});
	}

	private static Map<String, Map<String, Set<String>>> scrape(GatewayClient client) {
		GatewayClient.Reply reply = client.get("/actuator/prometheus", null);
		assertThat(reply.status()).isEqualTo(200);
		Pattern sample = Pattern.compile("^([a-zA-Z_:][a-zA-Z0-9_:]*)(?:\\{(.*)})? \\S+$");
		Pattern label = Pattern.compile("([a-zA-Z_][a-zA-Z0-9_]*)=\"((?:[^\"\\\\]|\\\\.)*)\"");
		Map<String, Map<String, Set<String>>> metrics = new HashMap<>();
		for (String line : reply.body().lines().filter(l -> !l.startsWith("#") && !l.isBlank()).toList()) {
			Matcher matcher = sample.matcher(line);
			assertThat(matcher.matches()).as(line).isTrue();
			Map<String, Set<String>> labels = metrics.computeIfAbsent(matcher.group(1), name -> new HashMap<>());
			if (matcher.group(2) != null) {
				Matcher pair = label.matcher(matcher.group(2));
				while (pair.find()) {
					labels.computeIfAbsent(pair.group(1), name -> new TreeSet<>()).add(pair.group(2));
				}
			}
		}
		return metrics;
	}

	/**
	 * Counters the gateway registers on their first increment (an orphaned upstream task is rare and never
	 * happens here), by the name their {@code Counter.builder("…")} gives them, in Prometheus' form.
	 */
	private static Set<String> countersNamedInTheSources() {
		Pattern counter = Pattern.compile("Counter\\.builder\\(\"([a-z0-9.]+)\"\\)");
		Set<String> names = new TreeSet<>();
		try (Stream<Path> files = Files.walk(DeploymentFiles.ROOT.resolve("src/main/java"))) {
			for (Path file : files.filter(f -> f.toString().endsWith(".java")).toList()) {
				Matcher matcher = counter.matcher(Files.readString(file));
				while (matcher.find()) {
					names.add(matcher.group(1).replace('.', '_') + "_total");
				}
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		assertThat(names).contains("gateway_jobs_status_changes_total");
		return names;
	}

	/** The values of gateway_jobs_status_changes_total's status tag: every status, lower case. */
	private static Set<String> jobStatusTags() {
		return Arrays.stream(JobStatus.values())
			.map(status -> status.name().toLowerCase(Locale.ROOT))
			.collect(Collectors.toSet());
	}

	private static int freePort() {
		try (ServerSocket socket = new ServerSocket(0)) {
			return socket.getLocalPort();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}

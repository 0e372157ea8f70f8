package com.seedance.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;
import org.springframework.jdbc.core.simple.JdbcClient;

import com.seedance.gateway.support.GatewayIntegrationTest;
import com.seedance.gateway.support.TestTeams;

@GatewayIntegrationTest
class GatewayApplicationTests {

	@LocalServerPort
	int port;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	TestTeams teams;

	@Test
	void the_migrations_build_the_whole_schema_on_an_empty_database() throws Exception {
		List<String> migrations = Arrays
			.stream(new PathMatchingResourcePatternResolver().getResources("classpath:db/migration/V*__*.sql"))
			.map(resource -> resource.getFilename().substring(1, resource.getFilename().indexOf("__")))
			.sorted(Comparator.comparingInt(Integer::parseInt))
			.toList();
		assertThat(migrations).hasSizeGreaterThanOrEqualTo(3);
		assertThat(jdbc.sql("SELECT version FROM flyway_schema_history WHERE success ORDER BY installed_rank")
			.query(String.class).list()).isEqualTo(migrations);
		assertThat(jdbc.sql("""
				SELECT table_name FROM information_schema.tables
				 WHERE table_schema = 'public' AND table_name <> 'flyway_schema_history' ORDER BY table_name""")
			.query(String.class).list()).contains("api_key", "job", "job_event", "orphaned_task", "team");
		assertThat(jdbc.sql("SELECT indexname FROM pg_indexes WHERE tablename = 'job'").query(String.class).list())
			.contains("job_team_created_idx", "job_created_idx", "job_queued_idx", "job_due_check_idx",
					"job_submitting_lease_idx", "job_outcome_unknown_idx", "job_in_flight_idx");
	}

	@Test
	void health_liveness_and_readiness_are_up_and_only_health_and_prometheus_are_exposed() throws Exception {
		assertThat(get("/actuator/health").statusCode()).isEqualTo(200);
		assertThat(get("/actuator/health/liveness").body()).contains("\"UP\"");
		assertThat(get("/actuator/health/readiness").body()).contains("\"UP\"");
		assertThat(get("/actuator/prometheus").body()).contains("gateway_jobs_in_flight");
		// even with a valid credential, nothing else is there
		String key = teams.keyFor(teams.create());
		for (String hidden : new String[] { "/actuator", "/actuator/env", "/actuator/configprops", "/actuator/beans",
				"/actuator/metrics", "/actuator/loggers" }) {
			assertThat(get(hidden, key).statusCode()).as(hidden).isEqualTo(404);
		}
	}

	@Test
	void prometheus_has_the_request_and_gateway_metrics_and_no_observations_of_the_security_chain() throws Exception {
		String key = teams.keyFor(teams.create());
		assertThat(get("/usage", key).statusCode()).isEqualTo(200);
		assertThat(get("/usage", "sgw_unknown").statusCode()).isEqualTo(401);

		String metrics = get("/actuator/prometheus").body();

		assertThat(metrics).contains("http_server_requests_seconds_count{", "uri=\"/usage\"", "gateway_jobs_in_flight",
				"gateway_jobs_queued");
		assertThat(metrics).doesNotContain("spring_security");
	}

	@Test
	void the_openapi_document_describes_every_endpoint() throws Exception {
		String document = get("/v3/api-docs").body();
		assertThat(document).contains("\"/jobs\"", "\"/jobs/{id}\"", "\"/jobs/{id}/cancel\"", "\"/usage\"",
				"\"/admin/teams\"", "\"/admin/teams/{id}\"", "\"/admin/teams/{id}/keys\"",
				"\"/admin/teams/{id}/keys/{keyId}\"", "\"/admin/jobs\"", "\"/webhooks/seedance/{token}\"", "teamKey",
				"adminToken");
		assertThat(get("/swagger-ui/index.html").statusCode()).isEqualTo(200);
	}

	private HttpResponse<String> get(String path) throws Exception {
		return send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + path)));
	}

	private HttpResponse<String> get(String path, String key) throws Exception {
		return send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
			.header("Authorization", "Bearer " + key));
	}

	private static HttpResponse<String> send(HttpRequest.Builder request) throws Exception {
		return HttpClient.newHttpClient().send(request.build(), HttpResponse.BodyHandlers.ofString());
	}

}

package com.seedance.gateway.shared;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.FieldSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

import com.seedance.gateway.support.GatewayClient;
import com.seedance.gateway.support.GatewayClient.Reply;
import com.seedance.gateway.support.GatewayIntegrationTest;
import com.seedance.gateway.support.JobRequests;
import com.seedance.gateway.support.RawHttp;
import com.seedance.gateway.support.TestTeams;

/**
 * Bytes that are not what HTTP or the API expect, in the query, the path, the request line and the headers, sent
 * over a plain socket so nothing re-encodes them: always a 4xx problem+json with the code of its status, never a 5xx,
 * and nothing changes. In header lines and request lines each {@code char} is one byte ({@code \u00ff} is 0xFF).
 */
@GatewayIntegrationTest
class MalformedRequestIntegrationTests {

	/** Not percent-encoded UTF-8: a non-UTF-8 byte, bad hex, a lone or cut-off escape, invalid UTF-8 sequences. */
	static final List<String> BAD_ENCODINGS = List.of("%ff", "%zz", "%", "%4", "%e2%82", "%c3%28", "%ed%a0%80",
			"%c0%af", "%fe%ff", "%f8%88%80%80%80", "%e2%82%ac%ff");

	/** What Tomcat or the security firewall refuses in a path, in addition to the bad encodings. */
	static final List<String> BAD_PATH_SEGMENTS = List.of("%ff", "%zz", "%", "%e2%82", "%c3%28", "%c0%af", "%2F", "%2f",
			"%5C", "%00", "%2e%2e", "a%2Fb", ";x=%ff", "%25%ff");

	static final Map<Integer, String> CODES = Map.of(400, "malformed_request", 401, "unauthorized", 404, "not_found",
			409, "conflict", 413, "payload_too_large", 415, "unsupported_media_type");

	@LocalServerPort
	int port;

	@Autowired
	TestTeams teams;

	@Autowired
	JdbcClient jdbc;

	RawHttp raw;

	String teamId;

	String key;

	String jobId;

	List<String> jobsBefore;

	@BeforeEach
	void teamWithAJob() {
		raw = new RawHttp(port);
		teamId = teams.create();
		key = teams.keyFor(teamId);
		Reply created = new GatewayClient(port).post("/jobs", key, JobRequests.text("a cat").json());
		assertThat(created.status()).as(created.toString()).isEqualTo(202);
		jobId = created.json().path("id").asString();
		jobsBefore = jobs();
	}

	@AfterEach
	void nothingChanged() {
		assertThat(jobs()).as("the team's jobs").isEqualTo(jobsBefore);
	}

	@ParameterizedTest
	@FieldSource("BAD_ENCODINGS")
	void a_bad_encoding_in_the_query_of_a_known_endpoint_answers_400_malformed_request(String garbage) {
		for (String target : List.of("/jobs?cursor=" + garbage, "/jobs?" + garbage + "=1",
				"/jobs?status=queued&limit=" + garbage, "/jobs/" + jobId + "?x=" + garbage, "/usage?" + garbage)) {
			assertProblem(raw.send("GET", target, team()), 400, "malformed_request");
		}
		assertProblem(raw.send("POST", "/jobs/" + jobId + "/cancel?x=" + garbage, team()), 400, "malformed_request");
		assertProblem(raw.sendWithBody("POST /jobs?x=" + garbage + " HTTP/1.1", JobRequests.text("a dog").json(),
				team(), "Content-Type: application/json"), 400, "malformed_request");
		for (String target : List.of("/admin/teams?x=" + garbage, "/admin/teams/" + teamId + "?" + garbage,
				"/admin/jobs?team=" + garbage, "/admin/teams/" + teamId + "/keys?x=" + garbage)) {
			assertProblem(raw.send("GET", target, admin()), 400, "malformed_request");
		}
		assertProblem(raw.sendWithBody("PATCH /admin/teams/" + teamId + "?x=" + garbage + " HTTP/1.1",
				"{\"name\":\"Renamed\"}", admin(), "Content-Type: application/json"), 400, "malformed_request");
	}

	@ParameterizedTest
	@FieldSource("BAD_ENCODINGS")
	void a_bad_encoding_in_the_query_of_an_unknown_path_answers_404_not_found(String garbage) {
		assertProblem(raw.send("GET", "/nothing-here?x=" + garbage, team()), 404, "not_found");
		assertProblem(raw.send("GET", "/jobs/" + jobId + "/nothing?x=" + garbage, team()), 404, "not_found");
		assertProblem(raw.send("GET", "/admin/nothing?x=" + garbage, admin()), 404, "not_found");
	}

	@ParameterizedTest
	@FieldSource("BAD_PATH_SEGMENTS")
	void a_bad_path_answers_400_malformed_request_with_or_without_a_credential(String garbage) {
		for (String credential : new String[] { team(), admin(), "X-No-Credential: 1" }) {
			for (String target : List.of("/jobs/" + garbage, "/jobs/a" + garbage + "b", "/admin/teams/" + garbage,
					"/admin/teams/" + garbage + "/keys", "/nothing-here/" + garbage)) {
				assertProblem(raw.send("GET", target, credential), 400, "malformed_request");
			}
			assertProblem(raw.send("POST", "/jobs/" + garbage + "/cancel", credential), 400, "malformed_request");
		}
	}

	@ParameterizedTest
	@FieldSource("BAD_ENCODINGS")
	void without_a_credential_a_bad_query_answers_401_unauthorized(String garbage) {
		for (String target : List.of("/jobs?cursor=" + garbage, "/usage?" + garbage, "/admin/teams?x=" + garbage,
				"/nothing-here?x=" + garbage)) {
			Reply reply = raw.send("GET", target);

			assertProblem(reply, 401, "unauthorized");
			assertThat(reply.header("WWW-Authenticate")).hasValue("Bearer");
		}
	}

	/** Non-ASCII bytes, UTF-8 read as ISO-8859-1 (some of it C1 controls), percent-escapes: no key has them. */
	@ParameterizedTest
	@ValueSource(strings = { "Bearer sgw_\u00ff\u00fe", "Bearer \u00c3\u00a9", "Bearer sgw_\u00e2\u0082\u00ac",
			"Bearer \u0080\u0081\u009f", "Bearer sgw_%ff%zz", "Bearer sgw_\u00c3\u0028", "Bearer\u00a0sgw_x",
			"\u00ff\u00fe", "Basic \u00ff", "bearer \u00ed\u00a0\u0080" })
	void a_malformed_authorization_header_answers_401_unauthorized(String authorization) {
		for (String target : List.of("/jobs", "/jobs/" + jobId, "/usage", "/admin/teams", "/admin/teams/" + teamId,
				"/nothing-here")) {
			Reply reply = raw.send("GET", target, "Authorization: " + authorization);

			assertProblem(reply, 401, "unauthorized");
			assertThat(reply.header("WWW-Authenticate")).hasValueSatisfying(value -> assertThat(value).startsWith("Bearer"));
		}
		assertProblem(raw.send("POST", "/jobs/" + jobId + "/cancel", "Authorization: " + authorization), 401,
				"unauthorized");
	}

	/** Tomcat refuses these before the application sees them; its answer is problem+json too. */
	@ParameterizedTest
	@ValueSource(strings = { "Authorization: Bearer sgw_\u0001", "Authorization: Bearer a\u0000b",
			"Authorization: Bearer a\u007fb", "X-Trace: a\u0001b", "X\u00ff: 1", "X(: 1", "Content-Length: abc",
			"Content-Length: -1", "Transfer-Encoding: bogus" })
	void a_header_the_container_refuses_answers_400_malformed_request(String headerLine) {
		for (String target : List.of("/jobs", "/admin/teams", "/nothing-here")) {
			assertProblem(raw.send("GET", target, team(), headerLine), 400, "malformed_request");
		}
	}

	/** Raw bytes and characters that have no place in a request line, and request lines that are not HTTP/1.1. */
	@ParameterizedTest
	@ValueSource(strings = { "GET /jobs?cursor=\u00ff HTTP/1.1", "GET /jobs/\u00ff HTTP/1.1",
			"GET /jobs?q=| HTTP/1.1", "GET /jobs?q={} HTTP/1.1", "GET /jobs?q=\u0001 HTTP/1.1", "GET /jo\"bs HTTP/1.1",
			"G\u00ffT /jobs HTTP/1.1", "GET * HTTP/1.1", "GET jobs HTTP/1.1", "GET http://other.example/jobs HTTP/1.1",
			"GET /jobs HTTP/9.9", "GET /jobs HTTP/1.1 extra", "GET /jobs?\u00e2\u0082\u00ac HTTP/1.1" })
	void a_request_line_the_container_refuses_answers_400_malformed_request(String requestLine) {
		assertProblem(raw.sendWithBody(requestLine, "", team()), 400, "malformed_request");
	}

	/** Headers the API reads, with bytes that make no sense there: a 4xx problem or an answer as usual, never a 5xx. */
	@ParameterizedTest
	@ValueSource(strings = { "Content-Type: application/json; charset=\u00ff", "Content-Type: \u00ff",
			"Content-Type: application/json\u0085", "Content-Type: text/plain", "Content-Type: application/\u00ffjson",
			"Content-Type: application/json; charset=utf-8; \u00ff=\u00ff" })
	void an_odd_content_type_on_job_creation_answers_a_4xx_problem_and_creates_nothing(String contentType) {
		Reply reply = raw.sendWithBody("POST /jobs HTTP/1.1", JobRequests.text("a dog").json(), team(), contentType);

		assertThat(reply.status()).as(reply.toString()).isBetween(400, 499);
		assertProblem(reply, reply.status(), CODES.get(reply.status()));
	}

	/**
	 * The answer is chosen after the job was created or cancelled, so an {@code Accept} that cannot be met, cannot be
	 * parsed or holds control characters is disregarded: refusing it then would report a change as a failure.
	 */
	@ParameterizedTest
	@ValueSource(strings = { "Accept: text/html", "Accept: image/png;q=1", "Accept: \u00ff/\u00ff", "Accept: ;;;",
			"Accept: \u0085", "Accept-Charset: \u00ff", "Accept-Language: \u00ff\u00fe", "Accept-Encoding: \u00ff",
			"X-Anything: \u00e2\u0082\u00ac\u0085" })
	void an_odd_accept_or_other_header_gets_the_usual_answer(String headerLine) {
		Reply created = raw.sendWithBody("POST /jobs HTTP/1.1", JobRequests.text("a dog").json(), team(),
				"Content-Type: application/json", headerLine);

		assertThat(created.status()).as(created.toString()).isEqualTo(202);
		assertThat(created.contentType()).startsWith("application/json");
		String createdId = created.json().path("id").asString();

		Reply cancelled = raw.send("POST", "/jobs/" + createdId + "/cancel", team(), headerLine);

		assertThat(cancelled.status()).as(cancelled.toString()).isEqualTo(200);
		assertThat(cancelled.json().path("status").asString()).isEqualTo("cancelled");
		assertProblem(raw.send("POST", "/jobs/" + createdId + "/cancel", team(), headerLine), 409, "conflict");
		jobsBefore = jobs();
	}

	@Test
	void a_body_over_the_limit_is_refused_by_the_filter_as_413_payload_too_large() {
		Reply reply = raw.sendWithBody("POST /jobs HTTP/1.1", "x".repeat(1_100_000), team(),
				"Content-Type: application/json", "Accept: text/html");

		assertProblem(reply, 413, "payload_too_large");
	}

	@Test
	void a_refusal_by_the_security_filters_ignores_an_accept_it_cannot_meet() {
		assertProblem(raw.send("GET", "/jobs", "Accept: text/html"), 401, "unauthorized");
		assertProblem(raw.send("GET", "/jobs", "Accept: text/html", "Authorization: Bearer sgw_unknown"), 401,
				"unauthorized");
		assertProblem(raw.send("GET", "/admin/teams", "Accept: image/png", team()), 401, "unauthorized");
	}

	private String team() {
		return "Authorization: Bearer " + key;
	}

	private static String admin() {
		return "Authorization: Bearer " + GatewayClient.ADMIN_TOKEN;
	}

	private List<String> jobs() {
		return jdbc.sql("SELECT id || ' ' || status || ' ' || version FROM job WHERE team_id = :team ORDER BY id")
			.param("team", teamId)
			.query(String.class)
			.list();
	}

	private static void assertProblem(Reply reply, int status, String code) {
		assertThat(reply.status()).as(reply.toString()).isEqualTo(status);
		assertThat(reply.contentType()).as(reply.toString()).startsWith("application/problem+json");
		assertThat(reply.json().path("status").asInt()).isEqualTo(status);
		assertThat(reply.json().path("code").asString()).isEqualTo(code);
		assertThat(reply.json().path("type").asString()).isEqualTo("urn:seedance-gateway:problem:" + code);
		assertThat(reply.json().path("title").asString()).isNotEmpty();
		assertThat(reply.json().path("detail").asString()).isNotEmpty();
	}

}

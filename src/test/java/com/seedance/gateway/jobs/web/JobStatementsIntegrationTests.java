package com.seedance.gateway.jobs.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublishers;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;

import com.seedance.gateway.support.GatewayClient;
import com.seedance.gateway.support.GatewayClient.Reply;
import com.seedance.gateway.support.GatewayIntegrationTest;
import com.seedance.gateway.support.JobRequests;
import com.seedance.gateway.support.RequestStatementCounter;
import com.seedance.gateway.support.TestTeams;
import com.seedance.gateway.teams.Quota;

/**
 * Guards the SQL round trips of the hot paths: fails when {@code GET /jobs/{id}}, {@code GET /jobs} or
 * {@code POST /jobs} issues a statement more than it needs. Authentication is counted apart (statements on
 * {@code api_key}), at most {@link #AUTHENTICATION}.
 */
@GatewayIntegrationTest
@Import(RequestStatementCounter.class)
class JobStatementsIntegrationTests {

	/**
	 * Statements that authenticating a team key may issue: the lookup of a key not yet in the cache. A warm key
	 * issues none (ApiKeyCacheIntegrationTests), and its last use is written from memory once a minute.
	 */
	static final int AUTHENTICATION = 1;

	/** {@code GET /jobs/{id}}: the job read into its representation, the team in the WHERE clause. */
	static final int GET_JOB = 1;

	/** {@code GET /jobs}: the page (one more row than the limit tells whether there is a next page). */
	static final int LIST_JOBS = 1;

	/**
	 * {@code POST /jobs}: the job inserted with its first history row (and the claim of its Idempotency-Key, if it has
	 * one), then the quota step (the day's count, the month's reservation and its ledger row). The commit is no
	 * statement.
	 */
	static final int CREATE_JOB = 2;

	@LocalServerPort
	int port;

	@Autowired
	TestTeams teams;

	@Autowired
	RequestStatementCounter statements;

	GatewayClient client;

	String key;

	@BeforeEach
	void team() {
		client = new GatewayClient(port);
		key = teams.keyFor(teams.create(new Quota(null, 100, new java.math.BigDecimal("1000"))));
	}

	@Test
	void reading_a_job_takes_one_statement() {
		String id = create(JobRequests.text("a cat"), null);

		List<String> reading = tagged(client.request("/jobs/" + id, key).GET());
		List<String> revalidating = tagged(client.request("/jobs/" + id, key).header("If-None-Match", "*").GET());

		assertThat(apartFromAuthentication(reading)).as(reading.toString()).hasSize(GET_JOB);
		assertThat(apartFromAuthentication(revalidating)).as(revalidating.toString()).hasSize(GET_JOB);
	}

	@Test
	void listing_jobs_takes_one_statement() {
		create(JobRequests.text("one"), null);
		create(JobRequests.text("two"), null);

		List<String> listing = tagged(client.request("/jobs?limit=1&status=queued", key).GET());

		assertThat(apartFromAuthentication(listing)).as(listing.toString()).hasSize(LIST_JOBS);
	}

	@Test
	void creating_a_job_takes_its_insert_and_its_quota_step() {
		List<String> creating = tagged(post(JobRequests.text("a dog"), null));
		List<String> creatingWithKey = tagged(post(JobRequests.text("a bird"), UUID.randomUUID().toString()));

		for (List<String> sql : List.of(creating, creatingWithKey)) {
			List<String> own = apartFromAuthentication(sql);
			assertThat(own).as(sql.toString()).hasSize(CREATE_JOB);
			assertThat(own.get(0)).as("the job, its history and its key, in one statement")
				.contains("INSERT INTO job ", "INSERT INTO job_event ");
			assertThat(own.get(1)).as("the quotas, last").contains("team_usage_day", "team_usage_month", "credit_ledger");
		}
		assertThat(apartFromAuthentication(creatingWithKey).get(0)).contains("INSERT INTO idempotency_key ");
	}

	private String create(JobRequests request, String idempotencyKey) {
		Reply reply = client.send(post(request, idempotencyKey));
		assertThat(reply.status()).as(reply.toString()).isEqualTo(202);
		return reply.json().path("id").asString();
	}

	private HttpRequest.Builder post(JobRequests request, String idempotencyKey) {
		HttpRequest.Builder post = client.request("/jobs", key)
			.header("Content-Type", "application/json")
			.POST(BodyPublishers.ofString(request.json()));
		return idempotencyKey == null ? post : post.header("Idempotency-Key", idempotencyKey);
	}

	/** The statements of the request, which must succeed; authentication's at most {@link #AUTHENTICATION}. */
	private List<String> tagged(HttpRequest.Builder request) {
		String tag = UUID.randomUUID().toString();
		Reply reply = client.send(request.header(RequestStatementCounter.HEADER, tag));
		assertThat(reply.status()).as(reply.toString()).isIn(200, 202, 304);
		List<String> sql = statements.statementsOf(tag);
		assertThat(sql.stream().filter(RequestStatementCounter::onApiKeys)).as(sql.toString()).hasSizeLessThanOrEqualTo(AUTHENTICATION);
		return sql;
	}

	private static List<String> apartFromAuthentication(List<String> sql) {
		return sql.stream().filter(statement -> !RequestStatementCounter.onApiKeys(statement)).toList();
	}

}

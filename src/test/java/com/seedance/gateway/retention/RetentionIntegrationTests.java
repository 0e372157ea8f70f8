package com.seedance.gateway.retention;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.sql.Timestamp;
import java.sql.Connection;
import java.time.Duration;
import java.util.List;
import java.util.UUID;

import javax.sql.DataSource;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.TestPropertySource;

import com.seedance.gateway.jobs.JobLifecycle;
import com.seedance.gateway.support.GatewayIntegrationTest;
import com.seedance.gateway.support.MutableClock;
import com.seedance.gateway.support.MutableClockConfiguration;
import com.seedance.gateway.support.TestJobs;
import com.seedance.gateway.support.TestTeams;

/** Old history goes, in batches, and only old history: finished jobs keep their rows, recent ones their events. */
@GatewayIntegrationTest
@Import(MutableClockConfiguration.class)
@TestPropertySource(properties = "gateway.retention.batch=2")
class RetentionIntegrationTests {

	@Autowired
	Retention retention;

	@Autowired
	TestJobs jobs;

	@Autowired
	TestTeams teams;

	@Autowired
	JobLifecycle lifecycle;

	@Autowired
	MutableClock clock;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	DataSource dataSource;

	@Test
	void events_and_delivery_tries_of_jobs_finished_long_ago_and_old_idempotency_keys_are_purged() {
		String team = teams.create();
		UUID old = finished(team);
		UUID oldDelivery = delivery(old);
		jdbc.sql("INSERT INTO idempotency_key (team_id, key, request_hash, job_id, created_at) VALUES (:team, 'k1', '\\x00', :job, :at)")
			.param("team", team).param("job", old).param("at", Timestamp.from(clock.instant())).update();
		clock.advance(Duration.ofDays(89));
		UUID recent = finished(team);
		UUID running = jobs.submitted(team);
		long oldEvents = count("job_event", old);
		assertThat(oldEvents).isGreaterThan(2);

		// 89 days on: only the key (kept 7 days) is past its retention
		assertThat(retention.purge()).isEqualTo(1);
		assertThat(jdbc.sql("SELECT count(*) FROM idempotency_key WHERE team_id = :team").param("team", team)
			.query(Long.class).single()).isZero();
		clock.advance(Duration.ofDays(2));
		long purged = retention.purge();

		assertThat(count("job_event", old)).isZero();
		assertThat(count("job_event", recent)).isGreaterThan(2);
		assertThat(count("job_event", running)).isGreaterThan(2);
		assertThat(jdbc.sql("SELECT count(*) FROM job WHERE id IN (:ids)").param("ids", List.of(old, recent, running))
			.query(Long.class).single()).isEqualTo(3);
		assertThat(jdbc.sql("SELECT count(*) FROM webhook_attempt WHERE delivery_id = :id").param("id", oldDelivery)
			.query(Long.class).single()).isZero();
		assertThat(purged).isEqualTo(oldEvents + 3);
	}

	@Test
	void the_purge_is_skipped_while_another_instance_holds_the_lock() throws Exception {
		try (Connection connection = dataSource.getConnection()) {
			connection.setAutoCommit(false);
			connection.createStatement().execute("SELECT pg_advisory_xact_lock(hashtext('seedance-gateway.retention'))");

			assertThat(retention.purge()).isEqualTo(-1);

			connection.rollback();
		}
		assertThat(retention.purge()).isGreaterThanOrEqualTo(0);
	}

	private UUID finished(String team) {
		UUID job = jobs.submitted(team);
		lifecycle.succeed(job, "success", "https://cdn.example/v.mp4", new BigDecimal("0.5"));
		return job;
	}

	/** A delivered notification of the job with three tries, at the clock's time. */
	private UUID delivery(UUID job) {
		UUID id = UUID.randomUUID();
		Timestamp now = Timestamp.from(clock.instant());
		jdbc.sql("""
				INSERT INTO webhook_delivery (id, job_id, team_id, event_type, payload, webhook_id, url, status, created_at)
				SELECT :id, id, team_id, 'job.succeeded', '{}', 'msg_' || :id, 'http://receiver.test/', 'DELIVERED', :at
				  FROM job WHERE id = :job""")
			.param("id", id).param("job", job).param("at", now).update();
		for (int i = 0; i < 3; i++) {
			jdbc.sql("INSERT INTO webhook_attempt (delivery_id, at, http_status, duration_ms) VALUES (:id, :at, 500, 10)")
				.param("id", id).param("at", now).update();
		}
		return id;
	}

	private long count(String table, UUID job) {
		return jdbc.sql("SELECT count(*) FROM " + table + " WHERE job_id = :job").param("job", job).query(Long.class).single();
	}

}

package com.seedance.gateway.shared;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

import com.seedance.gateway.support.GatewayIntegrationTest;

/** The one listening connection: delivery at commit only, and recovery after the connection is killed. */
@GatewayIntegrationTest
class PostgresNotificationsIntegrationTests {

	@Autowired
	PostgresNotifications notifications;

	@Autowired
	TransactionTemplate transactions;

	@Autowired
	JdbcClient jdbc;

	final List<String> received = new CopyOnWriteArrayList<>();

	String channel;

	@BeforeEach
	void subscribe() {
		channel = "test_" + UUID.randomUUID().toString().replace("-", "");
		notifications.subscribe(channel, received::add);
		await().until(notifications::isListening);
	}

	@Test
	void a_notification_sent_in_a_transaction_arrives_after_its_commit_and_never_after_a_rollback() {
		transactions.executeWithoutResult(status -> {
			notifications.notify(channel, "committed");
			assertThat(received).isEmpty();
		});
		transactions.executeWithoutResult(status -> {
			notifications.notify(channel, "rolled back");
			status.setRollbackOnly();
		});
		notifications.notify(channel, "after");

		// PostgreSQL delivers in commit order: once "after" is in, a rolled-back one would be too
		await().until(() -> received.contains("after"));
		assertThat(received).containsExactly("committed", "after");
	}

	@Test
	void the_listener_comes_back_after_its_connection_was_killed() {
		List<Boolean> killed = jdbc.sql("""
				SELECT pg_terminate_backend(pid) FROM pg_stat_activity
				 WHERE application_name = 'seedance-gateway-listener' AND datname = current_database()""")
			.query(Boolean.class)
			.list();
		assertThat(killed).containsExactly(true);

		// notifications sent while it is down are lost; one sent after it has listened again arrives
		await().untilAsserted(() -> {
			notifications.notify(channel, "ping");
			assertThat(received).contains("ping");
		});
	}

}

package com.seedance.gateway.shared;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;


import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.jdbc.autoconfigure.JdbcConnectionDetails;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.TestPropertySource;

import com.seedance.gateway.support.GatewayClient;
import com.seedance.gateway.support.GatewayClient.Reply;
import com.seedance.gateway.support.GatewayIntegrationTest;
import com.seedance.gateway.support.JobRequests;
import com.seedance.gateway.support.TestTeams;

/**
 * The database becoming unreachable: its connections are terminated and new ones refused
 * ({@code ALLOW_CONNECTIONS false}), as when PostgreSQL is down, then allowed again.
 */
@GatewayIntegrationTest
@TestPropertySource(properties = "spring.datasource.hikari.connection-timeout=1000")
class DatabaseOutageIntegrationTests {

	@LocalServerPort
	int port;

	@Autowired
	JdbcConnectionDetails dataSource;

	@Autowired
	TestTeams teams;

	@Autowired
	JdbcClient jdbc;

	GatewayClient client;

	String teamId;

	String key;

	@BeforeEach
	void team() {
		client = new GatewayClient(port);
		teamId = teams.create();
		key = teams.keyFor(teamId);
	}

	@AfterEach
	void databaseBack() throws SQLException {
		allowConnections(true);
	}

	@Test
	void while_the_database_is_unreachable_the_api_answers_503_and_recovers_by_itself() throws SQLException {
		allowConnections(false);

		Reply read = client.get("/jobs", key);
		Reply create = client.post("/jobs", key, JobRequests.text("a cat").json());
		Reply admin = client.admin("GET", "/admin/teams/" + teamId, null);

		for (Reply reply : new Reply[] { read, create, admin }) {
			assertThat(reply.status()).as(reply.toString()).isEqualTo(503);
			assertThat(reply.contentType()).startsWith("application/problem+json");
			assertThat(reply.json().path("code").asString()).isEqualTo("unavailable");
			assertThat(reply.header("Retry-After")).isPresent();
		}

		allowConnections(true);

		await().atMost(Duration.ofSeconds(10)).until(() -> client.get("/jobs", key).status() == 200);
		assertThat(client.post("/jobs", key, JobRequests.text("a cat").json()).status()).isEqualTo(202);
		assertThat(jdbc.sql("SELECT count(*) FROM job WHERE team_id = :team").param("team", teamId)
			.query(Long.class).single()).isEqualTo(1);
	}

	private void allowConnections(boolean allow) throws SQLException {
		String url = dataSource.getJdbcUrl();
		String database = url.substring(url.lastIndexOf('/') + 1).replaceAll("\\?.*", "");
		String maintenance = url.substring(0, url.lastIndexOf('/') + 1) + "postgres";
		try (Connection connection = DriverManager.getConnection(maintenance, dataSource.getUsername(),
				dataSource.getPassword()); Statement statement = connection.createStatement()) {
			statement.execute("ALTER DATABASE " + database + " WITH ALLOW_CONNECTIONS " + allow);
			if (!allow) {
				statement.execute("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = '" + database + "'");
			}
		}
	}

}

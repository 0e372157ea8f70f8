package com.seedance.gateway.console;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

import com.seedance.gateway.console.ConsoleHttp.Page;
import com.seedance.gateway.support.GatewayClient;
import com.seedance.gateway.support.MutableClock;
import com.seedance.gateway.support.TestTeams;

/** The console's security rules over real HTTP: sign-in, the session cookie, CSRF, CSP, the throttle, the audit. */
@ConsoleIntegrationTest
class ConsoleSecurityIntegrationTests {

	@LocalServerPort
	int port;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	MutableClock clock;

	@Autowired
	TestTeams teams;

	/** A fresh client address per test, so the throttle of one test never meets another's refusals. */
	private ConsoleHttp console() {
		return new ConsoleHttp(port).fromAnAddressOfItsOwn();
	}

	@Test
	void an_unsigned_request_is_redirected_to_the_sign_in_page() {
		Page page = console().get("/console/jobs?team=x");

		assertThat(page.status()).isEqualTo(302);
		assertThat(page.location()).endsWith("/console/login");
	}

	@Test
	void the_admin_token_signs_in_to_a_session_cookie_that_is_http_only_strict_and_scoped_to_the_console() {
		ConsoleHttp console = console();
		Page signedIn = console.signIn(GatewayClient.ADMIN_TOKEN);

		assertThat(signedIn.status()).isEqualTo(302);
		assertThat(signedIn.location()).endsWith("/console/jobs");
		String cookie = sessionSetCookie(signedIn);
		assertThat(cookie).contains("HttpOnly").contains("SameSite=Strict").contains("Path=/console").doesNotContain("Secure");
		assertThat(console.get("/console/audit").status()).isEqualTo(200);
	}

	@Test
	void behind_an_https_proxy_the_session_cookie_is_secure() {
		ConsoleHttp console = console().header("X-Forwarded-Proto", "https");

		Page signedIn = console.signIn(GatewayClient.ADMIN_TOKEN);

		assertThat(sessionSetCookie(signedIn)).contains("Secure").contains("HttpOnly").contains("SameSite=Strict");
	}

	@Test
	void the_session_lives_in_postgresql() {
		ConsoleHttp console = console();
		console.signIn(GatewayClient.ADMIN_TOKEN);

		assertThat(jdbc.sql("SELECT count(*) FROM spring_session WHERE principal_name = 'operator'").query(Long.class).single())
			.isPositive();
		assertThat(jdbc.sql("SELECT max_inactive_interval FROM spring_session LIMIT 1").query(Integer.class).single())
			.isEqualTo((int) Duration.ofMinutes(30).toSeconds());
	}

	@Test
	void a_wrong_token_or_a_team_key_does_not_sign_in() {
		ConsoleHttp console = console();
		String teamKey = teams.keyFor(teams.create());

		Page wrong = console.signIn("not-the-token");
		Page key = console.signIn(teamKey);

		assertThat(wrong.location()).endsWith("/console/login?error");
		assertThat(key.location()).endsWith("/console/login?error");
		assertThat(console.get("/console/jobs").status()).isEqualTo(302);
	}

	@Test
	void a_bearer_header_never_opens_the_console() {
		String teamKey = teams.keyFor(teams.create());

		Page withKey = console().header("Authorization", "Bearer " + teamKey).get("/console/jobs");
		Page withAdminToken = console().header("Authorization", "Bearer " + GatewayClient.ADMIN_TOKEN).get("/console/jobs");

		assertThat(withKey.status()).isEqualTo(302);
		assertThat(withKey.location()).endsWith("/console/login");
		assertThat(withAdminToken.status()).isEqualTo(302);
	}

	@Test
	void after_five_refused_sign_ins_an_address_must_wait_even_with_the_right_token() {
		ConsoleHttp attacker = console();
		for (int i = 0; i < 5; i++) {
			assertThat(attacker.signIn("guess-" + i).location()).endsWith("?error");
		}

		Page throttled = attacker.signIn(GatewayClient.ADMIN_TOKEN);
		Page elsewhere = console().signIn(GatewayClient.ADMIN_TOKEN);

		assertThat(throttled.status()).isEqualTo(429);
		assertThat(throttled.header("Retry-After")).isPresent();
		assertThat(throttled.body()).contains("Too many sign-in attempts");
		assertThat(elsewhere.location()).endsWith("/console/jobs");

		clock.advance(Duration.ofMinutes(16));
		assertThat(attacker.signIn(GatewayClient.ADMIN_TOKEN).location()).endsWith("/console/jobs");
	}

	@Test
	void every_page_carries_a_content_security_policy_without_inline_scripts_or_other_origins() {
		ConsoleHttp console = console();
		Page signInPage = console.get("/console/login");
		console.signIn(GatewayClient.ADMIN_TOKEN);
		Page audit = console.get("/console/audit");

		for (Page page : List.of(signInPage, audit)) {
			String policy = page.header("Content-Security-Policy").orElseThrow();
			assertThat(policy).contains("default-src 'self'", "script-src 'self'", "style-src 'self'", "object-src 'none'",
					"frame-ancestors 'none'");
			assertThat(policy).doesNotContain("unsafe-inline", "unsafe-eval", "http:", "https:", "*");
			assertThat(page.body()).doesNotContain("<script>", "style=\"", "onclick", "http://cdn", "https://");
			assertThat(page.header("X-Frame-Options")).contains("DENY");
		}
	}

	@Test
	void the_console_assets_are_served_to_the_sign_in_page_from_the_gateway_itself() {
		ConsoleHttp console = console();

		assertThat(console.get("/console/assets/console.css").status()).isEqualTo(200);
		assertThat(console.get("/console/assets/webjars/htmx.org/dist/htmx.min.js").status()).isEqualTo(200);
		assertThat(console.get("/console/assets/webjars/htmx-ext-sse/sse.js").status()).isEqualTo(200);
	}

	@Test
	void a_form_without_the_csrf_token_is_refused_and_changes_nothing() {
		ConsoleHttp console = console();
		console.signIn(GatewayClient.ADMIN_TOKEN);

		Page refused = console.postRaw("/console/logout", Map.of());

		assertThat(refused.status()).isEqualTo(403);
		assertThat(console.get("/console/audit").status()).isEqualTo(200);
	}

	@Test
	void signing_out_ends_the_session() {
		ConsoleHttp console = console();
		console.signIn(GatewayClient.ADMIN_TOKEN);
		String session = console.sessionCookie();
		console.get("/console/audit");

		Page signedOut = console.post("/console/logout", Map.of());

		assertThat(signedOut.location()).endsWith("/console/login?signed-out");
		ConsoleHttp replay = console().header("Cookie", session);
		assertThat(replay.get("/console/audit").status()).isEqualTo(302);
	}

	@Test
	void sign_ins_sign_outs_and_admin_api_actions_are_audited_with_who_and_where() {
		ConsoleHttp console = console();
		console.signIn("wrong");
		console.signIn(GatewayClient.ADMIN_TOKEN);
		String team = teams.create();
		new GatewayClient(port).admin("POST", "/admin/teams/" + team + "/keys", Map.of("name", "audited"));
		console.get("/console/audit");
		console.post("/console/logout", Map.of());

		ConsoleHttp reader = console();
		reader.signIn(GatewayClient.ADMIN_TOKEN);
		Page audit = reader.get("/console/audit");

		assertThat(audit.body()).contains("sign-in refused", "sign in", "sign out", "admin token", "issue",
				"POST /admin/teams/" + team + "/keys", "201", "console session ");
		assertThat(jdbc.sql("SELECT count(*) FROM audit_event WHERE target = :target AND actor = 'admin token' AND address = '127.0.0.1'")
			.param("target", "POST /admin/teams/" + team + "/keys")
			.query(Long.class)
			.single()).isEqualTo(1);
	}

	private static String sessionSetCookie(Page page) {
		return page.headers()
			.allValues("Set-Cookie")
			.stream()
			.filter(cookie -> cookie.startsWith("CONSOLE_SESSION="))
			.findFirst()
			.orElseThrow(() -> new AssertionError("no session cookie in " + page.headers().map()));
	}

}

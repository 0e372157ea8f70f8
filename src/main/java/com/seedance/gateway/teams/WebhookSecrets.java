package com.seedance.gateway.teams;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import com.seedance.gateway.shared.Secrets;

/**
 * The teams' webhook signing secrets ({@code team_webhook_secret}): {@code whsec_} and the base64 of 32 random
 * bytes, shown once when made and stored encrypted by {@link SecretCipher}. A rotation keeps the secret it
 * replaces signing for {@link #ROTATION_OVERLAP}, so receivers can switch over without losing a message.
 */
@Service
public class WebhookSecrets {

	public static final String PREFIX = "whsec_";

	/** How long a replaced secret still signs messages, beside the new one. */
	public static final Duration ROTATION_OVERLAP = Duration.ofHours(24);

	private static final int KEY_BYTES = 32;

	private final JdbcClient jdbc;

	private final TeamRepository teams;

	private final SecretCipher cipher;

	private final Clock clock;

	private final ApplicationEventPublisher events;

	WebhookSecrets(JdbcClient jdbc, TeamRepository teams, SecretCipher cipher, Clock clock,
			ApplicationEventPublisher events) {
		this.jdbc = jdbc;
		this.teams = teams;
		this.cipher = cipher;
		this.clock = clock;
		this.events = events;
	}

	/**
	 * Makes the team's first secret, or rotates it, and returns it in clear this once. The team's row is locked,
	 * so concurrent rotations apply one after the other. Secrets replaced longer than the overlap ago are deleted.
	 */
	@Transactional
	public String issue(String teamId) {
		teams.findForUpdateById(teamId).orElseThrow(() -> new TeamNotFound(teamId));
		Instant now = clock.instant();
		String secret = PREFIX + Base64.getEncoder().encodeToString(Secrets.randomBytes(KEY_BYTES));
		SecretCipher.Sealed sealed = cipher.seal(secret, teamId);
		jdbc.sql("""
				INSERT INTO team_webhook_secret (team_id, secret, encrypted, created_at)
				VALUES (:team, :secret, :encrypted, :at)""")
			.param("team", teamId)
			.param("secret", sealed.bytes())
			.param("encrypted", sealed.encrypted())
			.param("at", Timestamp.from(now))
			.update();
		jdbc.sql("""
				DELETE FROM team_webhook_secret WHERE id IN (
				    SELECT id FROM (
				        SELECT id, lag(created_at) OVER (ORDER BY created_at DESC, id DESC) AS replaced_at
				          FROM team_webhook_secret WHERE team_id = :team) s
				     WHERE replaced_at <= :expired)""")
			.param("team", teamId)
			.param("expired", Timestamp.from(now.minus(ROTATION_OVERLAP)))
			.update();
		events.publishEvent(new WebhookSecretIssued(teamId, now));
		return secret;
	}

	/**
	 * The secrets a message to the team is signed with at {@code now}: the current one first, then each one
	 * replaced less than {@link #ROTATION_OVERLAP} ago. Empty when the team has none (it was created before
	 * teams had secrets). Throws {@link SecretUnreadable} when a stored secret does not decrypt.
	 */
	@Transactional(readOnly = true)
	public List<String> signingSecrets(String teamId, Instant now) {
		return jdbc.sql("""
				SELECT secret, encrypted FROM (
				    SELECT id, secret, encrypted, created_at,
				           lag(created_at) OVER (ORDER BY created_at DESC, id DESC) AS replaced_at
				      FROM team_webhook_secret WHERE team_id = :team) s
				 WHERE replaced_at IS NULL OR replaced_at > :expired
				 ORDER BY created_at DESC, id DESC""")
			.param("team", teamId)
			.param("expired", Timestamp.from(now.minus(ROTATION_OVERLAP)))
			.query((rs, row) -> cipher.open(rs.getBytes("secret"), rs.getBoolean("encrypted"), teamId))
			.list();
	}

}

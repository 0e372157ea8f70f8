package com.seedance.gateway.console;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.HexFormat;
import java.util.List;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpSession;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import com.seedance.gateway.shared.Secrets;

/**
 * The audit of operator actions ({@code audit_event}): who (the admin token, or a console session named by a hash
 * of its id), from which address, what, on which path, with which answer, and when. Written by
 * {@link AuditInterceptor} for every changing request of the console and the admin API, and by the console's
 * sign-in and sign-out; read by the audit page and by {@link SignInThrottle}.
 */
@Component
class AuditLog {

	static final String ADMIN_TOKEN = "admin token";

	static final String SIGN_IN = "sign in";

	static final String SIGN_IN_REFUSED = "sign-in refused";

	static final String SIGN_OUT = "sign out";

	private static final Logger log = LoggerFactory.getLogger(AuditLog.class);

	private static final HexFormat HEX = HexFormat.of();

	record Entry(long id, Instant at, String actor, String address, String action, String target, int status) {
	}

	private final JdbcClient jdbc;

	private final Clock clock;

	AuditLog(JdbcClient jdbc, Clock clock) {
		this.jdbc = jdbc;
		this.clock = clock;
	}

	/**
	 * Records one action of {@code request}'s client. An audit row that cannot be written (the database is away) is
	 * logged instead: the action itself has happened or failed already.
	 */
	void record(HttpServletRequest request, String actor, String action, int status) {
		String target = request.getMethod() + " " + request.getRequestURI();
		try {
			jdbc.sql("""
					INSERT INTO audit_event (at, actor, address, action, target, status)
					VALUES (:at, :actor, :address, :action, :target, :status)""")
				.param("at", Timestamp.from(clock.instant()))
				.param("actor", actor)
				.param("address", request.getRemoteAddr())
				.param("action", action)
				.param("target", target)
				.param("status", status)
				.update();
		}
		catch (RuntimeException ex) {
			log.warn("Could not write the audit of {} by {} from {} ({} {}): {}", action, actor,
					request.getRemoteAddr(), target, status, ex.getMessage());
		}
	}

	/** How many sign-ins from {@code address} were refused since {@code since}. */
	int refusedSignIns(String address, Instant since) {
		return jdbc.sql("""
				SELECT count(*) FROM audit_event WHERE action = :action AND address = :address AND at > :since""")
			.param("action", SIGN_IN_REFUSED)
			.param("address", address)
			.param("since", Timestamp.from(since))
			.query(Integer.class)
			.single();
	}

	/** The oldest refusal from {@code address} since {@code since}: when it ages out, the address may try again. */
	@Nullable
	Instant oldestRefusedSignIn(String address, Instant since) {
		return jdbc.sql("""
				SELECT min(at) FROM audit_event WHERE action = :action AND address = :address AND at > :since""")
			.param("action", SIGN_IN_REFUSED)
			.param("address", address)
			.param("since", Timestamp.from(since))
			.query((rs, row) -> {
				OffsetDateTime at = rs.getObject(1, OffsetDateTime.class);
				return at == null ? null : at.toInstant();
			})
			.optional()
			.orElse(null);
	}

	/** Newest first, older than the entry {@code before} when given. */
	List<Entry> newest(@Nullable Long before, int limit) {
		return jdbc.sql("""
				SELECT id, at, actor, address, action, target, status FROM audit_event
				 WHERE CAST(:before AS bigint) IS NULL OR id < :before
				 ORDER BY id DESC LIMIT :limit""")
			.param("before", before)
			.param("limit", limit)
			.query((rs, row) -> new Entry(rs.getLong("id"), rs.getObject("at", OffsetDateTime.class).toInstant(),
					rs.getString("actor"), rs.getString("address"), rs.getString("action"), rs.getString("target"),
					rs.getInt("status")))
			.list();
	}

	/** A console session as the audit names it: never its id, which would let a reader of the audit take it over. */
	static String sessionActor(@Nullable HttpSession session) {
		if (session == null) {
			return "console (no session)";
		}
		return "console session " + HEX.formatHex(Secrets.sha256(session.getId()), 0, 4);
	}

}

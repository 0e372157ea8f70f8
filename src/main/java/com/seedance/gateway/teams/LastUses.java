package com.seedance.gateway.teams;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.SqlArrayValue;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * {@code api_key.last_used_at}, to the minute, without a write per request: a key's first use in each minute is
 * noted in memory, and every second the uses noted since are written in one statement. A key is written at most
 * once a minute, also over several instances (the statement skips a row whose value is less than a minute older).
 */
@Component
class LastUses {

	private static final Logger log = LoggerFactory.getLogger(LastUses.class);

	static final Duration RESOLUTION = Duration.ofMinutes(1);

	/** Per key, the use last noted; a use less than {@link #RESOLUTION} after it is not noted again. */
	private final Map<UUID, Instant> noted = new ConcurrentHashMap<>();

	/** Uses noted and not written yet. */
	private final Map<UUID, Instant> unwritten = new ConcurrentHashMap<>();

	private final JdbcClient jdbc;

	private final Clock clock;

	LastUses(JdbcClient jdbc, Clock clock) {
		this.jdbc = jdbc;
		this.clock = clock;
	}

	/** The key was used at {@code now}: noted if it is its first use in a minute; never a database call. */
	void used(UUID keyId, Instant now) {
		Instant last = noted.get(keyId);
		if (last != null && now.isBefore(last.plus(RESOLUTION))) {
			return;
		}
		noted.compute(keyId, (id, previous) -> {
			if (previous != null && now.isBefore(previous.plus(RESOLUTION))) {
				return previous;
			}
			unwritten.put(id, now);
			return now;
		});
	}

	/** Writes the uses noted since the last write, in one statement; nothing when there are none. */
	@Scheduled(fixedDelay = 1000, initialDelay = 1000)
	void write() {
		forgetOldNotes();
		if (unwritten.isEmpty()) {
			return;
		}
		List<UUID> ids = new ArrayList<>();
		List<String> times = new ArrayList<>();
		unwritten.forEach((id, at) -> {
			if (unwritten.remove(id, at)) {
				ids.add(id);
				times.add(at.toString());
			}
		});
		if (ids.isEmpty()) {
			return;
		}
		try {
			jdbc.sql("""
					UPDATE api_key AS k SET last_used_at = u.at
					  FROM unnest(:ids, :times) AS u(id, at)
					 WHERE k.id = u.id AND (k.last_used_at IS NULL OR k.last_used_at <= u.at - interval '1 minute')""")
				.param("ids", new SqlArrayValue("uuid", ids.toArray()))
				.param("times", new SqlArrayValue("timestamptz", times.toArray()))
				.update();
		}
		catch (RuntimeException ex) {
			// kept for the next write, unless a later use was noted meanwhile
			for (int i = 0; i < ids.size(); i++) {
				unwritten.putIfAbsent(ids.get(i), Instant.parse(times.get(i)));
			}
			log.debug("Writing keys' last use failed; trying again with the next write", ex);
		}
	}

	/** Notes older than a minute decide nothing any more: the next use is noted anyway. */
	private void forgetOldNotes() {
		Instant staleBefore = clock.instant().minus(RESOLUTION);
		noted.values().removeIf(at -> !at.isAfter(staleBefore));
	}

}

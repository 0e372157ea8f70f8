package com.seedance.gateway.retention;

import java.time.Clock;
import java.time.Instant;
import java.util.function.BiFunction;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

import com.seedance.gateway.jobs.IdempotencyKeys;
import com.seedance.gateway.jobs.JobEvents;
import com.seedance.gateway.notify.Deliveries;

/**
 * Purges old history in batches, each batch one short transaction that first takes a transaction-scoped
 * advisory lock: one instance purges at a time, the others skip the batch, and no batch holds locks for long.
 */
@Component
public class Retention {

	private static final Logger log = LoggerFactory.getLogger(Retention.class);

	private static final String LOCK = "SELECT pg_try_advisory_xact_lock(hashtext('seedance-gateway.retention'))";

	private final JobEvents events;

	private final IdempotencyKeys idempotencyKeys;

	private final Deliveries deliveries;

	private final RetentionProperties properties;

	private final TransactionTemplate transactions;

	private final JdbcClient jdbc;

	private final Clock clock;

	Retention(JobEvents events, IdempotencyKeys idempotencyKeys, Deliveries deliveries, RetentionProperties properties,
			TransactionTemplate transactions, JdbcClient jdbc, Clock clock) {
		this.events = events;
		this.idempotencyKeys = idempotencyKeys;
		this.deliveries = deliveries;
		this.properties = properties;
		this.transactions = transactions;
		this.jdbc = jdbc;
		this.clock = clock;
	}

	/** Deletes everything past its retention; returns the rows deleted, or -1 when another instance holds the lock. */
	public long purge() {
		Instant now = clock.instant();
		long events = purge("job events", now.minus(properties.jobEvents()), this.events::purge);
		long attempts = purge("delivery attempts", now.minus(properties.deliveryAttempts()), deliveries::purgeAttempts);
		long keys = purge("idempotency keys", now.minus(properties.idempotencyKeys()), idempotencyKeys::purge);
		if (events < 0 || attempts < 0 || keys < 0) {
			return -1;
		}
		return events + attempts + keys;
	}

	private long purge(String what, Instant before, BiFunction<Instant, Integer, Integer> statement) {
		long total = 0;
		while (true) {
			Integer deleted = transactions.execute(status -> {
				if (!Boolean.TRUE.equals(jdbc.sql(LOCK).query(Boolean.class).single())) {
					return -1;
				}
				return statement.apply(before, properties.batch());
			});
			if (deleted == null || deleted < 0) {
				return total == 0 ? -1 : total;
			}
			total += deleted;
			if (deleted < properties.batch()) {
				if (total > 0) {
					log.info("Retention: deleted {} {} from before {}", total, what, before);
				}
				return total;
			}
		}
	}

}

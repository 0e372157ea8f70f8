package com.seedance.gateway.jobs;

import java.util.Map;
import java.util.TreeMap;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

import tools.jackson.databind.json.JsonMapper;

/**
 * Keeps {@code team_in_flight} (each team's jobs holding an in-flight slot) in step with the jobs: every
 * {@link JobStatusChanged} into or out of an {@link JobStatus#isInFlight() in-flight} status, whether an intent method
 * or a bulk statement of {@link JobQueue} made it, counts in the transaction that made it. The moves of one
 * transaction are added up and written by one statement just before its commit, so a team's row is locked only for the
 * commit, and the rows of several teams always in the same order (no deadlock between two bulk moves). A move out
 * of in-flight frees a slot: the same statement sends {@link JobQueue#WORK_CHANNEL}, delivered on the commit.
 * <p>
 * Exact across instances: only a claim moves jobs into in-flight, and claims take turns (an advisory lock) and read
 * the rows after the last claim committed; a slot freed by a transaction not yet committed is not seen free yet.
 */
@Component
public class InFlightCounts {

	private static final Logger log = LoggerFactory.getLogger(InFlightCounts.class);

	private static final String IN_FLIGHT = JobStatus.inFlightSqlList();

	private final JdbcClient jdbc;

	private final JsonMapper json;

	InFlightCounts(JdbcClient jdbc, JsonMapper json) {
		this.jdbc = jdbc;
		this.json = json;
	}

	@EventListener
	void on(JobStatusChanged changed) {
		int delta = slots(changed.to()) - (changed.from() == null ? 0 : slots(changed.from()));
		if (delta == 0) {
			return;
		}
		if (!TransactionSynchronizationManager.isSynchronizationActive()) {
			write(Map.of(changed.teamId(), delta));
			return;
		}
		movesOfThisTransaction().add(changed.teamId(), delta);
	}

	/** Found among the transaction's own synchronizations, which a suspended transaction keeps to itself. */
	private Moves movesOfThisTransaction() {
		for (TransactionSynchronization synchronization : TransactionSynchronizationManager.getSynchronizations()) {
			if (synchronization instanceof Moves moves && moves.owner() == this) {
				return moves;
			}
		}
		Moves moves = new Moves();
		TransactionSynchronizationManager.registerSynchronization(moves);
		return moves;
	}

	/**
	 * Counts the in-flight jobs again and corrects the rows that differ: the safety net for moves made without
	 * counting (an instance of a version before the counters, during a rollout; an operator's SQL). Holds the table
	 * for the count (writers of the rows wait, readers do not), so no move slips between the count and the fix.
	 * Returns how many teams' rows it corrected.
	 */
	@Transactional
	public int recount() {
		jdbc.sql("LOCK TABLE team_in_flight IN EXCLUSIVE MODE").update();
		int corrected = jdbc.sql("""
				WITH counted AS (
				    SELECT t.id AS team_id, count(j.id) AS in_flight
				      FROM team t LEFT JOIN job j ON j.team_id = t.id AND j.status IN %s
				     GROUP BY t.id
				), wrong AS (
				    SELECT c.team_id, c.in_flight FROM counted c LEFT JOIN team_in_flight f USING (team_id)
				     WHERE coalesce(f.in_flight, 0) <> c.in_flight
				)
				INSERT INTO team_in_flight AS f (team_id, in_flight) SELECT team_id, in_flight FROM wrong
				    ON CONFLICT (team_id) DO UPDATE SET in_flight = excluded.in_flight""".formatted(IN_FLIGHT))
			.update();
		if (corrected > 0) {
			log.warn("In-flight counts of {} team(s) differed from the jobs and were corrected", corrected);
		}
		return corrected;
	}

	private void write(Map<String, Integer> deltas) {
		boolean freed = deltas.values().stream().anyMatch(delta -> delta < 0);
		jdbc.sql("""
				WITH counted AS (
				    INSERT INTO team_in_flight AS f (team_id, in_flight)
				    SELECT key, value::integer FROM json_each_text(CAST(:deltas AS json)) ORDER BY key
				        ON CONFLICT (team_id) DO UPDATE SET in_flight = f.in_flight + excluded.in_flight
				)
				SELECT pg_notify(:channel, '') WHERE :freed""")
			.param("deltas", json.writeValueAsString(deltas))
			.param("channel", JobQueue.WORK_CHANNEL)
			.param("freed", freed)
			.query()
			.rowSet();
	}

	private static int slots(JobStatus status) {
		return status.isInFlight() ? 1 : 0;
	}

	/** The moves of one transaction, by team (in the order their rows are locked), written just before its commit. */
	private final class Moves implements TransactionSynchronization {

		private final Map<String, Integer> deltas = new TreeMap<>();

		void add(String teamId, int delta) {
			deltas.merge(teamId, delta, Integer::sum);
		}

		@Override
		public void beforeCommit(boolean readOnly) {
			deltas.values().removeIf(delta -> delta == 0);
			if (!deltas.isEmpty()) {
				write(deltas);
			}
		}

		InFlightCounts owner() {
			return InFlightCounts.this;
		}

	}

}

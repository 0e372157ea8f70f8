package com.seedance.gateway.jobs;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Component;

/**
 * Announces the moves that one bulk statement of {@link JobQueue} made, exactly as an intent method on
 * {@link Job} announces its own: each move is checked against {@link JobStatus#canMoveTo} and published as a
 * {@link JobStatusChanged} inside the statement's transaction, so the history row and every in-transaction
 * listener commit with the move or not at all.
 */
@Component
class BulkMoves {

	/** One row a bulk statement moved, as its {@code RETURNING} clause reports it. */
	record Moved(UUID jobId, String teamId, String model, int duration) {
	}

	private final ApplicationEventPublisher events;

	BulkMoves(ApplicationEventPublisher events) {
		this.events = events;
	}

	void announce(List<Moved> moved, JobStatus from, JobStatus to, Instant at, String detail) {
		if (!from.canMoveTo(to)) {
			// rolls the statement back: a bulk move the state machine does not allow is a bug, never data
			throw new IllegalStateException("A bulk statement moved jobs from " + from + " to " + to);
		}
		moved.forEach(row -> events.publishEvent(new JobStatusChanged(row.jobId(), row.teamId(), from, to, at, detail,
				row.model(), row.duration(), null, null)));
	}

}

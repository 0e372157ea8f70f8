package com.seedance.gateway.jobs;

import java.util.Arrays;
import java.util.stream.Collectors;

/**
 * A job's states and the moves allowed between them; the one place that knows them.
 * {@code SUBMITTING} (a call upstream may be under way) and {@code OUTCOME_UNKNOWN} (a call may or may not
 * have created a task) are internal: clients see both as {@code queued}.
 */
public enum JobStatus {

	QUEUED, SUBMITTING, OUTCOME_UNKNOWN, SUBMITTED, RUNNING, SUCCEEDED, FAILED, CANCELLED;

	public boolean isTerminal() {
		return this == SUCCEEDED || this == FAILED || this == CANCELLED;
	}

	/** Holds a slot against the in-flight limits: the upstream may be working on it. */
	public boolean isInFlight() {
		return this == SUBMITTING || this == OUTCOME_UNKNOWN || this == SUBMITTED || this == RUNNING;
	}

	/** The upstream accepted the job as a task, and the task is unfinished: its checks are due. */
	public boolean hasUpstreamTask() {
		return this == SUBMITTED || this == RUNNING;
	}

	/** The in-flight statuses as an SQL list, in declaration order (the order the partial indexes use). */
	static String inFlightSqlList() {
		return Arrays.stream(values())
			.filter(JobStatus::isInFlight)
			.map(status -> "'" + status.name() + "'")
			.collect(Collectors.joining(", ", "(", ")"));
	}

	public boolean canMoveTo(JobStatus next) {
		return switch (this) {
			case QUEUED -> next == SUBMITTING || next == CANCELLED;
			case SUBMITTING -> next == SUBMITTED || next == QUEUED || next == OUTCOME_UNKNOWN || next == FAILED;
			case OUTCOME_UNKNOWN -> next == SUBMITTED || next == QUEUED || next == FAILED;
			case SUBMITTED -> next == RUNNING || next == SUCCEEDED || next == FAILED;
			case RUNNING -> next == SUCCEEDED || next == FAILED;
			case SUCCEEDED, FAILED, CANCELLED -> false;
		};
	}

	/** The status a client sees. */
	public ClientStatus toClient() {
		return switch (this) {
			case QUEUED, SUBMITTING, OUTCOME_UNKNOWN -> ClientStatus.QUEUED;
			case SUBMITTED -> ClientStatus.SUBMITTED;
			case RUNNING -> ClientStatus.RUNNING;
			case SUCCEEDED -> ClientStatus.SUCCEEDED;
			case FAILED -> ClientStatus.FAILED;
			case CANCELLED -> ClientStatus.CANCELLED;
		};
	}

}

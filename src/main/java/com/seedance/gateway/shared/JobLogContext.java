package com.seedance.gateway.shared;

import java.util.UUID;

import org.jspecify.annotations.Nullable;
import org.slf4j.MDC;

/**
 * Names the job, and the team it belongs to, that the current thread works for in the logging context (SLF4J's MDC),
 * so every line logged meanwhile carries them: with {@code LOGGING_STRUCTURED_FORMAT_CONSOLE=ecs} as the top-level
 * fields {@code job_id} and {@code team} of each JSON line. Opened with try-with-resources where the work for a job
 * starts on a thread; closing it puts back what was there before, so scopes nest (a request's team, then the job it
 * creates). The MDC belongs to the thread: work handed to an executor opens its own scope inside the task.
 */
public final class JobLogContext implements AutoCloseable {

	public static final String JOB_ID = "job_id";

	public static final String TEAM = "team";

	private final @Nullable String previousJobId;

	private final @Nullable String previousTeam;

	private JobLogContext() {
		this.previousJobId = MDC.get(JOB_ID);
		this.previousTeam = MDC.get(TEAM);
	}

	/** Work for one job of a team. */
	public static JobLogContext open(UUID jobId, String teamId) {
		JobLogContext context = new JobLogContext();
		MDC.put(JOB_ID, jobId.toString());
		MDC.put(TEAM, teamId);
		return context;
	}

	/** Work for a team that names no job (yet). */
	public static JobLogContext forTeam(String teamId) {
		JobLogContext context = new JobLogContext();
		MDC.put(TEAM, teamId);
		return context;
	}

	/**
	 * Adds a job created within the current scope to it: the rest of a request that created a job is logged with the
	 * job. Only inside an open scope (a request's is opened after authentication), whose close removes it again.
	 */
	public static void nameCreatedJob(UUID jobId) {
		MDC.put(JOB_ID, jobId.toString());
	}

	@Override
	public void close() {
		restore(JOB_ID, previousJobId);
		restore(TEAM, previousTeam);
	}

	private static void restore(String key, @Nullable String previous) {
		if (previous == null) {
			MDC.remove(key);
		}
		else {
			MDC.put(key, previous);
		}
	}

}

package com.seedance.gateway.support;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;

import com.seedance.gateway.jobs.JobLifecycle;
import com.seedance.gateway.jobs.JobQueue;
import com.seedance.gateway.jobs.JobRequest;

/**
 * Jobs brought to a state through the real transitions, as the dispatcher and the upstream would: accepted,
 * claimed for submission (an attempt), submitted. A bean of every {@link GatewayIntegrationTest}.
 */
public class TestJobs {

	/** The submit lease of a claim made here. */
	public static final Duration LEASE = Duration.ofMinutes(2);

	private final JobLifecycle lifecycle;

	private final JobQueue queue;

	private final Clock clock;

	TestJobs(JobLifecycle lifecycle, JobQueue queue, Clock clock) {
		this.lifecycle = lifecycle;
		this.queue = queue;
		this.clock = clock;
	}

	/** A new queued job of the team: a 5-second text-only video, estimated at 0.5 credits. */
	public UUID accept(String team) {
		return lifecycle.accept(team, new JobRequest("seedance-2.0", "[{\"type\":\"text\",\"text\":\"a cat\"}]", 5,
				"16:9", Map.of(), null)).id();
	}

	/** Claims every due queued job as the dispatcher of {@code instance} does; returns {@code job}'s attempt. */
	public int claim(UUID job, String instance) {
		Instant now = clock.instant();
		return queue.claimForSubmission(1000, 1000, now, now.plus(LEASE), instance)
			.stream()
			.filter(claim -> claim.jobId().equals(job))
			.findFirst()
			.orElseThrow(() -> new IllegalStateException("job " + job + " was not claimed"))
			.attempt();
	}

	public int claim(UUID job) {
		return claim(job, "test");
	}

	/** A new job of the team, accepted upstream as task {@code "task-" + id}, its first check a minute away. */
	public UUID submitted(String team) {
		UUID job = accept(team);
		lifecycle.markSubmitted(job, claim(job), "task-" + job, clock.instant().plusSeconds(60));
		return job;
	}

}

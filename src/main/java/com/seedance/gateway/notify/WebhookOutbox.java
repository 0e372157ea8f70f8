package com.seedance.gateway.notify;

import java.time.Instant;

import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

import com.seedance.gateway.jobs.Job;
import com.seedance.gateway.jobs.JobRepository;
import com.seedance.gateway.jobs.JobResponse;
import com.seedance.gateway.jobs.JobStatusChanged;
import com.seedance.gateway.teams.WebhookSecretIssued;

import tools.jackson.databind.json.JsonMapper;

/**
 * Puts a notification in the outbox when a job with a {@code notify_url} ends, inside the transaction that ends
 * it: the message is committed with the job's end or not at all, so a crash can neither lose one nor invent one.
 * The body is written once, here, and sent byte for byte on every try.
 */
@Component
class WebhookOutbox {

	/** The body of a notification: the job as {@code GET /jobs/{id}} shows it at the moment it ended. */
	record Message(String type, Instant timestamp, JobResponse data) {
	}

	private final JobRepository jobs;

	private final Deliveries deliveries;

	private final JsonMapper json;

	WebhookOutbox(JobRepository jobs, Deliveries deliveries, JsonMapper json) {
		this.jobs = jobs;
		this.deliveries = deliveries;
		this.json = json;
	}

	@EventListener
	void on(JobStatusChanged changed) {
		if (!changed.to().isTerminal()) {
			return;
		}
		// read in the publisher's transaction: the job as this transition left it
		Job job = jobs.findById(changed.jobId()).orElseThrow();
		if (job.notifyUrl() == null) {
			return;
		}
		String type = "job." + changed.to().toClient().wireName();
		String payload = json.writeValueAsString(new Message(type, changed.at(), JobResponse.of(job)));
		deliveries.add(job.id(), job.teamId(), type, payload, job.notifyUrl(), changed.at());
	}

	/** Messages that waited for the team's first secret go out at once. */
	@EventListener
	void on(WebhookSecretIssued issued) {
		deliveries.wakeUntried(issued.teamId(), issued.at());
	}

}

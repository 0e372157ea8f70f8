package com.seedance.gateway.jobs;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.springframework.transaction.event.TransactionalEventListener;

import com.seedance.gateway.shared.JobLogContext;

/**
 * One log line for each committed status change of a job, in the job's log context: searching the logs for a
 * {@code job_id} tells its story, like its {@code job_event} rows do. Changes a rollback undid are not logged.
 */
@Component
class JobLog {

	private static final Logger log = LoggerFactory.getLogger(JobLog.class);

	@TransactionalEventListener
	void on(JobStatusChanged changed) {
		// a bulk claim publishes the changes of many jobs on one thread: each is logged in its own job's context
		try (JobLogContext context = JobLogContext.open(changed.jobId(), changed.teamId())) {
			if (changed.isCreation()) {
				log.info("Job {} accepted: {}, {} s", changed.jobId(), changed.model(), changed.duration());
			}
			else {
				log.info("Job {}: {} -> {}{}", changed.jobId(), changed.from(), changed.to(),
						changed.detail() == null ? "" : " (" + changed.detail() + ")");
			}
		}
	}

}

package com.seedance.gateway.jobs;

import java.util.UUID;

import org.springframework.http.HttpStatus;

import com.seedance.gateway.shared.ProblemCodes;
import com.seedance.gateway.shared.ProblemException;

public class JobNotCancellable extends ProblemException {

	public JobNotCancellable(UUID jobId, JobStatus status) {
		super(HttpStatus.CONFLICT, ProblemCodes.CONFLICT, "Job '" + jobId + "' " + describe(status)
				+ "; only a job still waiting in the gateway can be cancelled.");
	}

	private static String describe(JobStatus status) {
		if (status == JobStatus.SUBMITTING || status == JobStatus.OUTCOME_UNKNOWN) {
			return "is being submitted upstream";
		}
		return "is " + status.toClient().wireName();
	}

}

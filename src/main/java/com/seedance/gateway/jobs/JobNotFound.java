package com.seedance.gateway.jobs;

import java.util.UUID;

import org.springframework.http.HttpStatus;

import com.seedance.gateway.shared.ProblemCodes;
import com.seedance.gateway.shared.ProblemException;

/** No such job, or not one the caller's team may see: both answer 404, so ids of other teams leak nothing. */
public class JobNotFound extends ProblemException {

	public JobNotFound(UUID jobId) {
		super(HttpStatus.NOT_FOUND, ProblemCodes.NOT_FOUND, "No job '" + jobId + "'.");
	}

	/** For an id that is not even a UUID: still a plain 404, without echoing the input. */
	public JobNotFound() {
		super(HttpStatus.NOT_FOUND, ProblemCodes.NOT_FOUND, "No such job.");
	}

}

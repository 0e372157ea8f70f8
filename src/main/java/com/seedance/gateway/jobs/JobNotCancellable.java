package com.seedance.gateway.jobs;

import java.util.UUID;

import org.springframework.http.HttpStatus;

import com.seedance.gateway.shared.ProblemCodes;
import com.seedance.gateway.shared.ProblemException;

public class JobNotCancellable extends ProblemException {

	public JobNotCancellable(UUID jobId, ClientStatus status) {
		super(HttpStatus.CONFLICT, ProblemCodes.CONFLICT,
				"Job '" + jobId + "' is " + status.wireName() + "; only a queued job can be cancelled.");
	}

}

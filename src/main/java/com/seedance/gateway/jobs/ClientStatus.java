package com.seedance.gateway.jobs;

import java.util.Arrays;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/** The statuses of the public contract, lower-case on the wire. */
public enum ClientStatus {

	QUEUED, SUBMITTED, RUNNING, SUCCEEDED, FAILED, CANCELLED;

	public String wireName() {
		return name().toLowerCase(Locale.ROOT);
	}

	public static Optional<ClientStatus> fromWireName(String value) {
		return Arrays.stream(values()).filter(status -> status.wireName().equals(value)).findFirst();
	}

	/** The internal statuses shown as this one, for filtering. */
	public Set<JobStatus> internalStatuses() {
		Set<JobStatus> statuses = EnumSet.noneOf(JobStatus.class);
		for (JobStatus status : JobStatus.values()) {
			if (status.toClient() == this) {
				statuses.add(status);
			}
		}
		return statuses;
	}

}

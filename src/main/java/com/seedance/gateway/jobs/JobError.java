package com.seedance.gateway.jobs;

import jakarta.persistence.Column;
import jakarta.persistence.Embeddable;

/** Why a job failed: a stable code ({@code upstream_failed}, {@code upstream_rejected}, {@code timeout}, ...) and a message. */
@Embeddable
public record JobError(@Column(name = "error_code") String code, @Column(name = "error_message") String message) {

	public static final String UPSTREAM_FAILED = "upstream_failed";

	public static final String UPSTREAM_REJECTED = "upstream_rejected";

	public static final String UPSTREAM_LOST = "upstream_lost";

	public static final String TIMEOUT = "timeout";

	public static JobError of(String code, String message) {
		return new JobError(code, message);
	}

}

package com.seedance.gateway.jobs.web;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonUnwrapped;

import org.jspecify.annotations.Nullable;

import com.seedance.gateway.jobs.Job;
import com.seedance.gateway.jobs.JobResponse;

/** A job as operators see it: the client representation plus its team and the upstream task id (null until submitted). */
@JsonInclude(JsonInclude.Include.ALWAYS)
record AdminJobResponse(@JsonUnwrapped JobResponse job, String team,
		@JsonProperty("upstream_task_id") @Nullable String upstreamTaskId) {

	static AdminJobResponse of(Job job) {
		return new AdminJobResponse(JobResponse.of(job), job.teamId(), job.upstreamTaskId());
	}

}

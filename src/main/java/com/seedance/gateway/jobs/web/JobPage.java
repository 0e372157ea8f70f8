package com.seedance.gateway.jobs.web;

import java.util.List;
import java.util.function.Function;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

import io.swagger.v3.oas.annotations.media.Schema;

import org.jspecify.annotations.Nullable;

import com.seedance.gateway.jobs.JobHistory;

/** One page of a job list, newest first; {@code next_cursor} is null on the last page. */
@JsonInclude(JsonInclude.Include.ALWAYS)
record JobPage<T>(List<T> items,
		@JsonProperty("next_cursor") @Schema(description = "pass as cursor= for the next page; null on the last page") @Nullable String nextCursor) {

	static <S, T> JobPage<T> of(JobHistory.Page<S> page, Function<S, T> representation) {
		return new JobPage<>(page.jobs().stream().map(representation).toList(),
				page.next() == null ? null : page.next().encode());
	}

}

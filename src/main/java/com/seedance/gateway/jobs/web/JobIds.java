package com.seedance.gateway.jobs.web;

import java.util.UUID;
import java.util.regex.Pattern;

import com.seedance.gateway.jobs.JobNotFound;

/** Job ids in paths: anything that is not a canonical UUID names no job, so it is a 404 like an unknown id. */
final class JobIds {

	private static final Pattern CANONICAL = Pattern
		.compile("[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");

	private JobIds() {
	}

	static UUID parse(String id) {
		if (!CANONICAL.matcher(id).matches()) {
			throw new JobNotFound();
		}
		return UUID.fromString(id);
	}

}

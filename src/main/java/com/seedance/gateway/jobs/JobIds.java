package com.seedance.gateway.jobs;

import java.util.UUID;
import java.util.regex.Pattern;

/** Job ids in paths: anything that is not a canonical UUID names no job, so it is a 404 like an unknown id. */
public final class JobIds {

	private static final Pattern CANONICAL = Pattern
		.compile("[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");

	private JobIds() {
	}

	public static UUID parse(String id) {
		if (!CANONICAL.matcher(id).matches()) {
			throw new JobNotFound();
		}
		return UUID.fromString(id);
	}

}

package com.seedance.gateway.shared;

/** Turns a Java property path ({@code quota.maxConcurrentJobs}) into its JSON name ({@code quota.max_concurrent_jobs}). */
final class JsonNames {

	private JsonNames() {
	}

	static String of(String javaPath) {
		return javaPath.replaceAll("([a-z0-9])([A-Z])", "$1_$2").toLowerCase(java.util.Locale.ROOT);
	}

}

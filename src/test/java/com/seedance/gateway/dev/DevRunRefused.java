package com.seedance.gateway.dev;

import java.nio.file.Path;

/**
 * The development run cannot start its embedded PostgreSQL for a reason the user can fix; reported by
 * {@link DevRunRefusedFailureAnalyzer} as one line and the fix, without a stack trace.
 */
class DevRunRefused extends IllegalStateException {

	private final String action;

	private DevRunRefused(String description, String action) {
		super(description);
		this.action = action;
	}

	/** PostgreSQL refuses to run as root. */
	static DevRunRefused runningAsRoot() {
		return new DevRunRefused("Embedded PostgreSQL cannot run as root: run ./mvnw spring-boot:test-run as a normal "
				+ "user, or start your own PostgreSQL and set SPRING_DATASOURCE_URL",
				"Run it as a normal user, or point it at a PostgreSQL of your own, e.g. "
						+ "SPRING_DATASOURCE_URL=jdbc:postgresql://127.0.0.1:5432/seedance_gateway ./mvnw spring-boot:test-run");
	}

	/** Another development run, still alive, holds the data folder. */
	static DevRunRefused folderInUse(Path folder) {
		return new DevRunRefused("Another development run uses the embedded PostgreSQL in " + folder + ": stop it first",
				"Stop the other ./mvnw spring-boot:test-run, or give this one its own folder: DEV_POSTGRES_DIRECTORY=... ./mvnw spring-boot:test-run");
	}

	String action() {
		return this.action;
	}

}

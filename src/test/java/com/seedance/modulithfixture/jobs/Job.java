package com.seedance.modulithfixture.jobs;

import com.seedance.modulithfixture.shared.Ids;

/** Uses the shared module without listing it: shared modules are always allowed. */
public record Job(String id) {

	public static Job accept() {
		return new Job(Ids.next());
	}

}

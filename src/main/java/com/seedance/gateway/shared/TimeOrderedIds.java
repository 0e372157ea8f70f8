package com.seedance.gateway.shared;

import java.util.UUID;

import com.fasterxml.uuid.Generators;
import com.fasterxml.uuid.impl.TimeBasedEpochGenerator;

/** UUIDv7 ids: time-ordered, so rows inserted together sit together in the primary key index. */
public final class TimeOrderedIds {

	private static final TimeBasedEpochGenerator GENERATOR = Generators.timeBasedEpochGenerator();

	private TimeOrderedIds() {
	}

	public static UUID next() {
		return GENERATOR.generate();
	}

}

package com.seedance.gateway.upstream;

import java.util.Locale;
import java.util.Set;

/** What an upstream status word means to the gateway; the upstream documents only {@code success}. */
public enum TaskPhase {

	SUCCEEDED, FAILED, IN_PROGRESS;

	private static final Set<String> FAILURE_WORDS = Set.of("failed", "failure", "error", "cancelled", "canceled",
			"expired", "rejected", "timeout");

	/** Words that plainly mean "not finished yet"; any other unknown word also maps to IN_PROGRESS. */
	static final Set<String> KNOWN_PROGRESS_WORDS = Set.of("pending", "queued", "processing", "running");

	/**
	 * {@code success} is SUCCEEDED; the words that plainly mean failure (case-insensitive) are FAILED;
	 * anything else, including words never seen before, is IN_PROGRESS.
	 */
	public static TaskPhase of(String rawStatus) {
		String word = rawStatus.strip().toLowerCase(Locale.ROOT);
		if (word.equals("success")) {
			return SUCCEEDED;
		}
		return FAILURE_WORDS.contains(word) ? FAILED : IN_PROGRESS;
	}

	/** True for a word the mapping knows (success, a failure word, a plain progress word). */
	public static boolean isKnownWord(String rawStatus) {
		String word = rawStatus.strip().toLowerCase(Locale.ROOT);
		return word.equals("success") || FAILURE_WORDS.contains(word) || KNOWN_PROGRESS_WORDS.contains(word);
	}

}

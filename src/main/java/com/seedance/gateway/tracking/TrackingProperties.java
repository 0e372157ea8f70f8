package com.seedance.gateway.tracking;

import java.net.URI;
import java.time.Duration;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;

import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * The contract's {@code GATEWAY_*} settings for tracking jobs, and finer tuning under {@code gateway.tracking}.
 *
 * @param publicUrl where the upstream can reach this gateway; null sends no {@code callback_url}
 * @param pollInterval how often the poller looks for due checks
 * @param jobTimeout a task unfinished this long after submission fails with {@code timeout}
 * @param maxInFlight jobs submitted and unfinished upstream at once, over all teams
 * @param submitGrace how long a submission of unknown outcome waits for a callback before it is sent again
 */
@Validated
@ConfigurationProperties("gateway")
public record TrackingProperties(@Nullable URI publicUrl, @DefaultValue("5s") @NotNull Duration pollInterval,
		@DefaultValue("1h") @NotNull Duration jobTimeout, @DefaultValue("50") @Min(1) int maxInFlight,
		@DefaultValue("10m") @NotNull Duration submitGrace, @DefaultValue @Valid Tuning tracking) {

	public boolean callbacksEnabled() {
		return publicUrl != null && !publicUrl.toString().isBlank();
	}

	/** The first status check after submission: soon without callbacks, later when a callback will come. */
	public Duration firstCheck() {
		if (tracking.firstCheck() != null) {
			return tracking.firstCheck();
		}
		return pollInterval.multipliedBy(callbacksEnabled() ? 6 : 2);
	}

	/** The longest wait between two checks of one task. */
	public Duration maxCheckInterval() {
		if (tracking.maxCheckInterval() != null) {
			return tracking.maxCheckInterval();
		}
		return pollInterval.multipliedBy(callbacksEnabled() ? 60 : 4);
	}

	/**
	 * @param enabled whether this instance runs the dispatcher and poller (tests switch them off)
	 * @param dispatchInterval how often the dispatcher looks for queued jobs even when nothing woke it (a job created
	 * and a slot freed wake it at once, on every instance)
	 * @param submitBatch at most this many jobs one dispatch round claims
	 * @param submitConcurrency at most this many upstream create calls of this instance at once; a round claims no
	 * more jobs than there are calls free, and does not wait for its calls before the next round
	 * @param pollBatch at most this many checks a poller claim
	 * @param submitLease how long a claimed submission may take before it counts as outcome-unknown; longer
	 * than the upstream client's connect plus response timeout
	 * @param checkLease how long a claimed check may take before another instance may take it over
	 * @param firstCheck overrides the first-check delay (default: 2 poll intervals, 6 with callbacks)
	 * @param maxCheckInterval overrides the cap between checks (default: 4 poll intervals, 60 with callbacks)
	 * @param checkBackoff how much the wait between checks grows each time
	 * @param notFoundLimit this many 404s in a row mean the upstream lost the task
	 * @param retryBase first wait before resubmitting after a transient failure; doubles each attempt
	 * @param retryMax the longest wait before resubmitting
	 * @param unauthorizedPause how long dispatching pauses after the upstream refused our key
	 * @param candidateRetryMax the longest wait between two queries confirming a task a callback named; the
	 * first wait is one poll interval, doubling each time
	 * @param timedOutChargeInterval how often the task of a job that timed out is looked at for its charge
	 * @param timedOutChargeWatch how long after the timeout that goes on; then nothing is charged
	 * @param inFlightRecount how often the teams' in-flight counts are checked against the jobs (and corrected: the
	 * safety net for moves made without counting, such as by an older version during a rollout)
	 */
	public record Tuning(@DefaultValue("true") boolean enabled, @DefaultValue("1s") @NotNull Duration dispatchInterval, @DefaultValue("50") @Min(1) int submitBatch,
			@DefaultValue("32") @Min(1) int submitConcurrency,
			@DefaultValue("100") @Min(1) int pollBatch, @DefaultValue("2m") @NotNull Duration submitLease,
			@DefaultValue("2m") @NotNull Duration checkLease, @Nullable Duration firstCheck,
			@Nullable Duration maxCheckInterval, @DefaultValue("1.5") double checkBackoff,
			@DefaultValue("3") @Min(1) int notFoundLimit, @DefaultValue("2s") @NotNull Duration retryBase,
			@DefaultValue("5m") @NotNull Duration retryMax, @DefaultValue("30s") @NotNull Duration unauthorizedPause,
			@DefaultValue("1m") @NotNull Duration candidateRetryMax,
			@DefaultValue("15m") @NotNull Duration timedOutChargeInterval,
			@DefaultValue("24h") @NotNull Duration timedOutChargeWatch,
			@DefaultValue("10m") @NotNull Duration inFlightRecount) {
	}

}

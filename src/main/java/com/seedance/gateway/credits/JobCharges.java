package com.seedance.gateway.credits;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Locale;

import org.jspecify.annotations.Nullable;
import org.springframework.context.event.EventListener;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

import com.seedance.gateway.credits.CreditLedger.Kind;
import com.seedance.gateway.credits.QuotaExceeded.Limit;
import com.seedance.gateway.jobs.JobError;
import com.seedance.gateway.jobs.JobStatusChanged;
import com.seedance.gateway.jobs.SubmissionMayBeDuplicated;
import com.seedance.gateway.jobs.TimedOutTaskSettled;
import com.seedance.gateway.jobs.UpstreamTaskOrphaned;

/**
 * Moves credits with the jobs, inside the transaction of each job event: a new job passes the quotas and
 * reserves its estimate (or the job is refused and nothing of it stays); a resubmission that may duplicate a
 * task, and an orphaned task, reserve once more; a job's end settles its reservations with what the upstream
 * charged, or releases them. A job that timed out keeps its reservation: the upstream may still charge it.
 */
@Component
class JobCharges {

	private final CreditLedger ledger;

	private final CreditsProperties.Estimates estimates;

	private final @Nullable BigDecimal globalCap;

	JobCharges(CreditLedger ledger, CreditsProperties properties) {
		this.ledger = ledger;
		this.estimates = properties.estimates();
		this.globalCap = properties.monthlyCredits();
	}

	/**
	 * First of the job's listeners: a job the quotas refuse costs no other listener any work. (For a new job it is
	 * also the last statement before the commit: the job's other listeners write nothing for a creation.)
	 */
	@EventListener
	@Order(Ordered.HIGHEST_PRECEDENCE)
	void on(JobStatusChanged changed) {
		if (changed.isCreation()) {
			admit(changed);
		}
		else if (changed.to().isTerminal() && !JobError.TIMEOUT.equals(changed.errorCode())) {
			ledger.settle(changed.jobId(), changed.consumed(), changed.at(), "job " + changed.to().toClient().name().toLowerCase(Locale.ROOT));
		}
	}

	@EventListener
	void on(TimedOutTaskSettled settled) {
		ledger.settle(settled.jobId(), settled.consumed(), settled.at(), "timed out; " + settled.detail());
	}

	@EventListener
	void on(SubmissionMayBeDuplicated resubmitted) {
		ledger.reserveAgain(resubmitted.jobId(), Kind.RESERVE, null, resubmitted.at(),
				"possible duplicate: submitted again after an unknown outcome");
	}

	@EventListener
	void on(UpstreamTaskOrphaned orphaned) {
		ledger.reserveAgain(orphaned.jobId(), Kind.ORPHAN, orphaned.attempt(), orphaned.at(),
				"orphaned upstream task " + orphaned.taskId());
	}

	/**
	 * The quotas, in the order a client can act on: today's jobs, the team's month, the gateway's month; checked, and
	 * the job counted and its estimate reserved, by one statement.
	 */
	private void admit(JobStatusChanged accepted) {
		String teamId = accepted.teamId();
		LocalDate day = LocalDate.ofInstant(accepted.at(), ZoneOffset.UTC);
		BigDecimal estimate = estimates.of(accepted.model(), accepted.duration());
		CreditLedger.Admission admission = ledger.admit(accepted.jobId(), teamId, day, estimate, globalCap,
				accepted.at());
		if (!admission.counted()) {
			Instant resets = day.plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant();
			throw new QuotaExceeded(Limit.DAILY_JOBS,
					"Team " + teamId + " has created its " + admission.dailyJobs() + " jobs for " + day + " (UTC).",
					resets, Integer.valueOf(0).equals(admission.dailyJobs()) ? null : Duration.between(accepted.at(), resets));
		}
		if (!admission.reserved()) {
			throw creditsExceeded(teamId, day, estimate, admission.monthlyCredits(), accepted.at());
		}
	}

	private QuotaExceeded creditsExceeded(String teamId, LocalDate day, BigDecimal estimate,
			@Nullable BigDecimal teamLimit, Instant now) {
		Instant resets = day.withDayOfMonth(1).plusMonths(1).atStartOfDay(ZoneOffset.UTC).toInstant();
		CreditLedger.MonthUsage month = ledger.month(teamId, day);
		if (teamLimit != null && month.team().add(estimate).compareTo(teamLimit) > 0) {
			return new QuotaExceeded(Limit.MONTHLY_CREDITS, "Team " + teamId + " has used or reserved "
					+ month.team().stripTrailingZeros().toPlainString() + " of its " + teamLimit.stripTrailingZeros().toPlainString()
					+ " credits for " + day.getMonth() + " " + day.getYear() + " (UTC); this job needs an estimated "
					+ estimate.stripTrailingZeros().toPlainString() + ".", resets,
					estimate.compareTo(teamLimit) > 0 ? null : Duration.between(now, resets));
		}
		return new QuotaExceeded(Limit.GLOBAL_MONTHLY_CREDITS, "The gateway's credits for " + day.getMonth() + " "
				+ day.getYear() + " (UTC) are used or reserved; this job needs an estimated "
				+ estimate.stripTrailingZeros().toPlainString() + ".", resets,
				globalCap != null && estimate.compareTo(globalCap) > 0 ? null : Duration.between(now, resets));
	}

}

package com.seedance.gateway.console;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;

import org.jspecify.annotations.Nullable;

import com.seedance.gateway.teams.Quota;
import com.seedance.gateway.teams.TeamSettings;

/**
 * The team page's limits form: a name and three limits, each blank for unlimited. Whole numbers of zero or more for
 * the job limits, a credit amount of zero or more with at most six decimals; what does not parse is listed in
 * {@link #errors()} and changes nothing.
 */
record LimitsForm(String name, @Nullable String maxConcurrentJobs, @Nullable String dailyJobs,
		@Nullable String monthlyCredits) {

	static LimitsForm of(TeamSettings settings) {
		Quota quota = settings.quota();
		return new LimitsForm(settings.name(), text(quota.maxConcurrentJobs()), text(quota.dailyJobs()),
				quota.monthlyCredits() == null ? null : quota.monthlyCredits().stripTrailingZeros().toPlainString());
	}

	List<String> errors() {
		List<String> errors = new ArrayList<>();
		if (name == null || name.isBlank() || name.trim().length() > 200) {
			errors.add("name must be 1 to 200 characters");
		}
		count("max concurrent jobs", maxConcurrentJobs, errors);
		count("daily jobs", dailyJobs, errors);
		if (present(monthlyCredits)) {
			try {
				BigDecimal credits = new BigDecimal(monthlyCredits.trim());
				if (credits.signum() < 0 || credits.stripTrailingZeros().scale() > 6 || credits.precision() - credits.scale() > 12) {
					errors.add("monthly credits must be 0 or more, with at most 12 digits before the point and 6 after");
				}
			}
			catch (NumberFormatException ex) {
				errors.add("monthly credits must be a number such as 100.00");
			}
		}
		return errors;
	}

	/** The settings the form asks for; call only when {@link #errors()} is empty. */
	TeamSettings settings() {
		return new TeamSettings(name.trim(), new Quota(integer(maxConcurrentJobs), integer(dailyJobs),
				present(monthlyCredits) ? new BigDecimal(monthlyCredits.trim()) : null));
	}

	private static void count(String label, @Nullable String value, List<String> errors) {
		if (!present(value)) {
			return;
		}
		try {
			if (Integer.parseInt(value.trim()) >= 0) {
				return;
			}
		}
		catch (NumberFormatException ex) {
			// reported below
		}
		errors.add(label + " must be a whole number, 0 or more (blank: unlimited)");
	}

	private static @Nullable Integer integer(@Nullable String value) {
		return present(value) ? Integer.valueOf(value.trim()) : null;
	}

	private static @Nullable String text(@Nullable Integer value) {
		return value == null ? null : value.toString();
	}

	private static boolean present(@Nullable String value) {
		return value != null && !value.isBlank();
	}

}

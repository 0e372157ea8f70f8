package com.seedance.gateway.teams.web;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

import org.jspecify.annotations.Nullable;

import com.seedance.gateway.shared.FieldViolation;
import com.seedance.gateway.shared.ValidationFailed;
import com.seedance.gateway.teams.Quota;

import tools.jackson.databind.JsonNode;

/**
 * A {@code PATCH /admin/teams/{id}} body read as a JSON merge patch (RFC 7396): an absent member keeps
 * its value, {@code null} removes a limit ({@code "quota": null} removes all of them), a value replaces it.
 * Read from the tree rather than bound to a record, because binding cannot tell absent from null.
 */
record TeamPatch(@Nullable String name, QuotaPatch quota) {

	private static final int MAX_NAME_LENGTH = 200;

	static TeamPatch parse(JsonNode body) {
		if (!body.isObject()) {
			throw new ValidationFailed("body", "must be a JSON object");
		}
		List<FieldViolation> errors = new ArrayList<>();
		String name = body.has("name") ? name(body.get("name"), errors) : null;
		QuotaPatch quota = QuotaPatch.NONE;
		JsonNode quotaNode = body.get("quota");
		if (quotaNode != null && quotaNode.isNull()) {
			quota = QuotaPatch.REMOVE_ALL;
		}
		else if (quotaNode != null && !quotaNode.isObject()) {
			errors.add(new FieldViolation("quota", "must be an object or null"));
		}
		else if (quotaNode != null) {
			quota = new QuotaPatch(
					change(quotaNode, "max_concurrent_jobs", value -> count("quota.max_concurrent_jobs", value, errors)),
					change(quotaNode, "daily_jobs", value -> count("quota.daily_jobs", value, errors)),
					change(quotaNode, "monthly_credits", value -> credits("quota.monthly_credits", value, errors)));
		}
		if (!errors.isEmpty()) {
			throw new ValidationFailed(errors);
		}
		return new TeamPatch(name, quota);
	}

	Quota applyTo(Quota current) {
		return quota.applyTo(current);
	}

	private static @Nullable String name(JsonNode value, List<FieldViolation> errors) {
		if (!value.isString() || value.stringValue().isBlank()) {
			errors.add(new FieldViolation("name", "must not be blank"));
			return null;
		}
		if (value.stringValue().length() > MAX_NAME_LENGTH) {
			errors.add(new FieldViolation("name", "size must be between 0 and " + MAX_NAME_LENGTH));
			return null;
		}
		return value.stringValue();
	}

	private static <T> Change<T> change(JsonNode quota, String member, Function<JsonNode, @Nullable T> read) {
		JsonNode value = quota.get(member);
		if (value == null) {
			return Change.absent();
		}
		return new Change<>(true, value.isNull() ? null : read.apply(value));
	}

	private static @Nullable Integer count(String field, JsonNode value, List<FieldViolation> errors) {
		if (!value.isIntegralNumber() || !value.canConvertToInt()) {
			errors.add(new FieldViolation(field, "must be a whole number or null"));
			return null;
		}
		if (value.intValue() < 0) {
			errors.add(new FieldViolation(field, "must be greater than or equal to 0"));
			return null;
		}
		return value.intValue();
	}

	/** A decimal string ({@code "100.00"}, as responses show it) or a JSON number; at most 12 integer and 6 fraction digits. */
	private static @Nullable BigDecimal credits(String field, JsonNode value, List<FieldViolation> errors) {
		BigDecimal credits;
		try {
			credits = value.isString() || value.isNumber() ? new BigDecimal(value.asString().trim()) : null;
		}
		catch (NumberFormatException ex) {
			credits = null;
		}
		if (credits == null) {
			errors.add(new FieldViolation(field, "must be a decimal number (such as \"100.00\") or null"));
			return null;
		}
		if (credits.signum() < 0) {
			errors.add(new FieldViolation(field, "must be greater than or equal to 0"));
			return null;
		}
		BigDecimal normalized = credits.stripTrailingZeros();
		if (normalized.scale() > 6 || normalized.precision() - normalized.scale() > 12) {
			errors.add(new FieldViolation(field, "numeric value out of bounds (<12 digits>.<6 digits> expected)"));
			return null;
		}
		return credits;
	}

	/** What a patch does to the quota, one limit at a time. */
	record QuotaPatch(Change<Integer> maxConcurrentJobs, Change<Integer> dailyJobs, Change<BigDecimal> monthlyCredits) {

		static final QuotaPatch NONE = new QuotaPatch(Change.absent(), Change.absent(), Change.absent());

		static final QuotaPatch REMOVE_ALL = new QuotaPatch(new Change<>(true, null), new Change<>(true, null),
				new Change<>(true, null));

		Quota applyTo(Quota current) {
			return new Quota(maxConcurrentJobs.applyTo(current.maxConcurrentJobs()),
					dailyJobs.applyTo(current.dailyJobs()), monthlyCredits.applyTo(current.monthlyCredits()));
		}

	}

	/** One member of the patch: when present, its value (null for "unlimited") replaces the current one. */
	record Change<T>(boolean present, @Nullable T value) {

		static <T> Change<T> absent() {
			return new Change<>(false, null);
		}

		@Nullable T applyTo(@Nullable T current) {
			return present ? value : current;
		}

	}

}

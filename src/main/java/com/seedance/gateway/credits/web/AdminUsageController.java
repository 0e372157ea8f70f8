package com.seedance.gateway.credits.web;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;

import org.jspecify.annotations.Nullable;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import com.fasterxml.jackson.annotation.JsonFormat;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.seedance.gateway.credits.UsageDays;
import com.seedance.gateway.shared.FieldViolation;
import com.seedance.gateway.shared.ValidationFailed;

@RestController
@Tag(name = "Admin: usage", description = "Jobs and credits per team per UTC day, from the credit ledger.")
@SecurityRequirement(name = "adminToken")
class AdminUsageController {

	/** A year and a day: any calendar year, and a month across a year's end. */
	static final long MAX_DAYS = 366;

	private final UsageDays usage;

	private final Clock clock;

	AdminUsageController(UsageDays usage, Clock clock) {
		this.usage = usage;
		this.clock = clock;
	}

	record Day(@JsonProperty("team") String team, @JsonProperty("day") LocalDate day, @JsonProperty("jobs") long jobs,
			@JsonProperty("credits_used") @JsonFormat(shape = JsonFormat.Shape.STRING) BigDecimal creditsUsed,
			@JsonProperty("credits_reserved") @JsonFormat(shape = JsonFormat.Shape.STRING) BigDecimal creditsReserved) {
	}

	record Days(@JsonProperty("from") LocalDate from, @JsonProperty("to") LocalDate to,
			@JsonProperty("items") List<Day> items) {
	}

	@GetMapping("/admin/usage")
	@Operation(summary = "Jobs and credits per team per UTC day",
			description = "One item per team and day that had jobs or ledger rows, oldest day first; both dates are "
					+ "inclusive (a month is the range of its days). A job's jobs and credits count on the UTC day it "
					+ "was created. credits_reserved is what is still reserved for that day's jobs (estimates of "
					+ "unsettled jobs and orphaned tasks). Without from and to: the current UTC month so far.")
	@ApiResponse(responseCode = "200", description = "The days")
	@ApiResponse(responseCode = "400", description = "validation_failed: a date that is not YYYY-MM-DD, from after to, or more than 366 days",
			content = @Content(mediaType = MediaType.APPLICATION_PROBLEM_JSON_VALUE, schema = @Schema(implementation = ProblemDetail.class)))
	@ApiResponse(responseCode = "401", description = "unauthorized: not the admin token",
			content = @Content(mediaType = MediaType.APPLICATION_PROBLEM_JSON_VALUE, schema = @Schema(implementation = ProblemDetail.class)))
	Days usage(@RequestParam(required = false) @Parameter(description = "first UTC day, YYYY-MM-DD") @Nullable String from,
			@RequestParam(required = false) @Parameter(description = "last UTC day, YYYY-MM-DD (inclusive)") @Nullable String to,
			@RequestParam(required = false) @Parameter(description = "only this team") @Nullable String team) {
		LocalDate today = LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC);
		List<FieldViolation> errors = new ArrayList<>();
		LocalDate first = date("from", from, today.withDayOfMonth(1), errors);
		LocalDate last = date("to", to, today, errors);
		if (errors.isEmpty() && first.isAfter(last)) {
			errors.add(new FieldViolation("from", "must not be after to"));
		}
		if (errors.isEmpty() && ChronoUnit.DAYS.between(first, last) >= MAX_DAYS) {
			errors.add(new FieldViolation("to", "must be at most " + MAX_DAYS + " days after from"));
		}
		if (!errors.isEmpty()) {
			throw new ValidationFailed(errors);
		}
		return new Days(first, last, usage.between(first, last, team == null || team.isBlank() ? null : team)
			.stream()
			.map(day -> new Day(day.team(), day.day(), day.jobs(), day.creditsUsed(), day.creditsReserved()))
			.toList());
	}

	private static LocalDate date(String name, @Nullable String value, LocalDate absent, List<FieldViolation> errors) {
		if (value == null || value.isBlank()) {
			return absent;
		}
		try {
			return LocalDate.parse(value);
		}
		catch (DateTimeParseException ex) {
			errors.add(new FieldViolation(name, "must be a date such as 2026-01-31"));
			return absent;
		}
	}

}

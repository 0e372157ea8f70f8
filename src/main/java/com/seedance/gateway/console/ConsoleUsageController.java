package com.seedance.gateway.console;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

import jakarta.servlet.http.HttpServletResponse;

import org.jspecify.annotations.Nullable;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;

import com.seedance.gateway.credits.UsageDays;
import com.seedance.gateway.credits.UsageDays.UsageDay;
import com.seedance.gateway.teams.Team;
import com.seedance.gateway.teams.Teams;

import tools.jackson.databind.json.JsonMapper;

/**
 * {@code /console/usage}: credits and jobs per team per UTC day of a chosen month ({@code month=2026-11}, default the
 * current one; {@code team} for one team), as charts drawn by uPlot in the browser from the page's own data, as a
 * table, and as CSV ({@code /console/usage.csv} with the same parameters).
 */
@Controller
class ConsoleUsageController {

	/** One team's values for each day of the month, in the order of {@link Chart#days()}. */
	record Series(String team, List<BigDecimal> credits, List<Long> jobs) {
	}

	/** What the page's script draws: the month's days (UTC midnight, Unix seconds) and one series per team. */
	record Chart(List<Long> days, List<Series> series) {
	}

	record Total(String team, long jobs, BigDecimal creditsUsed, BigDecimal creditsReserved) {
	}

	private final UsageDays usage;

	private final Teams teams;

	private final Clock clock;

	private final JsonMapper json;

	ConsoleUsageController(UsageDays usage, Teams teams, Clock clock, JsonMapper json) {
		this.usage = usage;
		this.teams = teams;
		this.clock = clock;
		this.json = json;
	}

	@GetMapping("/console/usage")
	String usage(@RequestParam(required = false) @Nullable String month,
			@RequestParam(required = false) @Nullable String team, Model model, HttpServletResponse response) {
		YearMonth chosen = month(month);
		if (chosen == null) {
			response.setStatus(HttpStatus.BAD_REQUEST.value());
			model.addAttribute("monthError", "month must be a month such as 2026-11");
			chosen = currentMonth();
		}
		String onlyTeam = team == null || team.isBlank() ? null : team.trim();
		List<UsageDay> days = usage.between(chosen.atDay(1), chosen.atEndOfMonth(), onlyTeam);
		model.addAttribute("month", chosen);
		model.addAttribute("previous", chosen.minusMonths(1));
		model.addAttribute("next", chosen.plusMonths(1));
		model.addAttribute("team", onlyTeam);
		model.addAttribute("teams", teams.all().stream().map(Team::id).toList());
		model.addAttribute("days", days);
		model.addAttribute("totals", totals(days));
		model.addAttribute("chart", json.writeValueAsString(chart(chosen, days)));
		return "console/usage";
	}

	@GetMapping("/console/usage.csv")
	ResponseEntity<byte[]> csv(@RequestParam(required = false) @Nullable String month,
			@RequestParam(required = false) @Nullable String team) {
		YearMonth chosen = month(month);
		if (chosen == null) {
			return ResponseEntity.badRequest().contentType(MediaType.TEXT_PLAIN)
				.body("month must be a month such as 2026-11\n".getBytes(StandardCharsets.UTF_8));
		}
		StringBuilder csv = new StringBuilder("day,team,jobs,credits_used,credits_reserved\r\n");
		for (UsageDay day : usage.between(chosen.atDay(1), chosen.atEndOfMonth(),
				team == null || team.isBlank() ? null : team.trim())) {
			csv.append(day.day()).append(',').append(csvField(day.team())).append(',').append(day.jobs()).append(',')
				.append(day.creditsUsed().toPlainString()).append(',').append(day.creditsReserved().toPlainString())
				.append("\r\n");
		}
		return ResponseEntity.ok()
			.contentType(new MediaType("text", "csv", StandardCharsets.UTF_8))
			.header(HttpHeaders.CONTENT_DISPOSITION,
					ContentDisposition.attachment().filename("usage-" + chosen + ".csv").build().toString())
			.body(csv.toString().getBytes(StandardCharsets.UTF_8));
	}

	private @Nullable YearMonth month(@Nullable String month) {
		if (month == null || month.isBlank()) {
			return currentMonth();
		}
		try {
			return YearMonth.parse(month.trim());
		}
		catch (DateTimeParseException ex) {
			return null;
		}
	}

	private YearMonth currentMonth() {
		return YearMonth.from(LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC));
	}

	private static Chart chart(YearMonth month, List<UsageDay> days) {
		List<Long> seconds = new ArrayList<>();
		for (LocalDate day = month.atDay(1); !day.isAfter(month.atEndOfMonth()); day = day.plusDays(1)) {
			seconds.add(day.atStartOfDay(ZoneOffset.UTC).toEpochSecond());
		}
		Map<String, Series> byTeam = new LinkedHashMap<>();
		for (String team : new TreeSet<>(days.stream().map(UsageDay::team).toList())) {
			List<BigDecimal> credits = new ArrayList<>();
			List<Long> jobs = new ArrayList<>();
			for (int i = 0; i < seconds.size(); i++) {
				credits.add(BigDecimal.ZERO);
				jobs.add(0L);
			}
			byTeam.put(team, new Series(team, credits, jobs));
		}
		for (UsageDay day : days) {
			Series series = byTeam.get(day.team());
			int index = day.day().getDayOfMonth() - 1;
			series.credits().set(index, day.creditsUsed());
			series.jobs().set(index, day.jobs());
		}
		return new Chart(seconds, List.copyOf(byTeam.values()));
	}

	private static List<Total> totals(List<UsageDay> days) {
		Map<String, Total> totals = new LinkedHashMap<>();
		for (UsageDay day : days) {
			totals.merge(day.team(), new Total(day.team(), day.jobs(), day.creditsUsed(), day.creditsReserved()),
					(a, b) -> new Total(a.team(), a.jobs() + b.jobs(), a.creditsUsed().add(b.creditsUsed()),
							a.creditsReserved().add(b.creditsReserved())));
		}
		return totals.values().stream().sorted((a, b) -> a.team().compareTo(b.team())).toList();
	}

	/** Team ids are [a-z0-9_-]: nothing to quote today, but a cell never starts a formula in a spreadsheet. */
	private static String csvField(String value) {
		return value.matches("^[=+\\-@].*") ? "'" + value : value;
	}

}

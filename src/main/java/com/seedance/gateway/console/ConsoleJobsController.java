package com.seedance.gateway.console;

import java.util.Arrays;
import java.util.List;

import jakarta.servlet.http.HttpServletResponse;

import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;

import com.seedance.gateway.jobs.ClientStatus;
import com.seedance.gateway.jobs.JobsProperties;
import com.seedance.gateway.teams.Team;
import com.seedance.gateway.teams.Teams;

/** {@code /console/jobs}: the job history with its filters in the URL, newest first, and its counts by status. */
@Controller
class ConsoleJobsController {

	private final JobHistoryQueries queries;

	private final Teams teams;

	private final ConsoleProperties properties;

	private final JobsProperties jobs;

	ConsoleJobsController(JobHistoryQueries queries, Teams teams, ConsoleProperties properties, JobsProperties jobs) {
		this.queries = queries;
		this.teams = teams;
		this.properties = properties;
		this.jobs = jobs;
	}

	@GetMapping("/console/jobs")
	String jobs(@RequestParam(required = false) @Nullable String team,
			@RequestParam(required = false) @Nullable String status,
			@RequestParam(required = false) @Nullable String model,
			@RequestParam(required = false) @Nullable String from, @RequestParam(required = false) @Nullable String to,
			@RequestParam(required = false) @Nullable String q, @RequestParam(required = false) @Nullable String cursor,
			Model page, HttpServletResponse response) {
		JobFilter filter = JobFilter.read(team, status, model, from, to, q, cursor);
		page.addAttribute("filter", filter);
		page.addAttribute("statuses", Arrays.asList(ClientStatus.values()));
		page.addAttribute("teams", teams.all().stream().map(Team::id).toList());
		page.addAttribute("models", jobs.jobs().models());
		if (!filter.errors().isEmpty()) {
			response.setStatus(HttpStatus.BAD_REQUEST.value());
			page.addAttribute("jobs", List.of());
			return "console/jobs";
		}
		JobHistoryQueries.Page jobs = queries.page(filter, properties.pageSize());
		page.addAttribute("jobs", jobs.jobs());
		page.addAttribute("next", jobs.next() == null ? null : filter.after(jobs.next()));
		if (filter.q() == null) {
			page.addAttribute("counts", queries.counts(filter).orElseThrow());
		}
		else {
			page.addAttribute("countsUrl", filter.counts());
		}
		return "console/jobs";
	}

	/**
	 * The counts of a search, asked for by the page once it is shown: at most {@link JobHistoryQueries#COUNT_TIME} of
	 * counting, else a note that the search is too broad to count.
	 */
	@GetMapping("/console/jobs/counts")
	String counts(@RequestParam(required = false) @Nullable String team,
			@RequestParam(required = false) @Nullable String status,
			@RequestParam(required = false) @Nullable String model,
			@RequestParam(required = false) @Nullable String from, @RequestParam(required = false) @Nullable String to,
			@RequestParam(required = false) @Nullable String q, Model page, HttpServletResponse response) {
		JobFilter filter = JobFilter.read(team, status, model, from, to, q, null);
		if (!filter.errors().isEmpty()) {
			response.setStatus(HttpStatus.BAD_REQUEST.value());
			page.addAttribute("countsUnavailable", true);
			return "console/jobs :: uncounted";
		}
		page.addAttribute("filter", filter);
		page.addAttribute("statuses", Arrays.asList(ClientStatus.values()));
		return queries.counts(filter).map(counts -> {
			page.addAttribute("counts", counts);
			return "console/jobs :: counts";
		}).orElseGet(() -> {
			page.addAttribute("countsUnavailable", true);
			return "console/jobs :: uncounted";
		});
	}

}

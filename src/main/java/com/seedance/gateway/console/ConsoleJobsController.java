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
import com.seedance.gateway.teams.Team;
import com.seedance.gateway.teams.Teams;

/** {@code /console/jobs}: the job history with its filters in the URL, newest first, and its counts by status. */
@Controller
class ConsoleJobsController {

	private final JobHistoryQueries queries;

	private final Teams teams;

	private final ConsoleProperties properties;

	ConsoleJobsController(JobHistoryQueries queries, Teams teams, ConsoleProperties properties) {
		this.queries = queries;
		this.teams = teams;
		this.properties = properties;
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
		page.addAttribute("models", queries.models());
		if (!filter.errors().isEmpty()) {
			response.setStatus(HttpStatus.BAD_REQUEST.value());
			page.addAttribute("jobs", List.of());
			page.addAttribute("next", null);
			page.addAttribute("counts", null);
			return "console/jobs";
		}
		JobHistoryQueries.Page jobs = queries.page(filter, properties.pageSize());
		page.addAttribute("jobs", jobs.jobs());
		page.addAttribute("next", jobs.next() == null ? null : filter.after(jobs.next()));
		page.addAttribute("counts", queries.counts(filter));
		return "console/jobs";
	}

}

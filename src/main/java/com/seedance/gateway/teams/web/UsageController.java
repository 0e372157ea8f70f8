package com.seedance.gateway.teams.web;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;

import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

import com.seedance.gateway.teams.Team;
import com.seedance.gateway.teams.TeamNotFound;
import com.seedance.gateway.teams.TeamPrincipal;
import com.seedance.gateway.teams.TeamRepository;
import com.seedance.gateway.teams.TeamUsage;
import com.seedance.gateway.teams.UsageReport;

/** {@code GET /usage}: the calling team's quota next to what it has used ({@link TeamUsage} counts it). */
@RestController
@Tag(name = "Usage")
@SecurityRequirement(name = "teamKey")
class UsageController {

	private final TeamRepository teams;

	private final TeamUsage usage;

	UsageController(TeamRepository teams, TeamUsage usage) {
		this.teams = teams;
		this.usage = usage;
	}

	@GetMapping("/usage")
	@Operation(summary = "The calling team's limits, what it has used (today, this month, in flight) and what it holds in reserve")
	@ApiResponse(responseCode = "200", description = "The team's usage")
	@ApiResponse(responseCode = "401", description = "unauthorized: no, unknown or revoked key",
			content = @Content(mediaType = MediaType.APPLICATION_PROBLEM_JSON_VALUE, schema = @Schema(implementation = ProblemDetail.class)))
	UsageReport usage(@AuthenticationPrincipal TeamPrincipal principal) {
		Team team = teams.findById(principal.teamId()).orElseThrow(() -> new TeamNotFound(principal.teamId()));
		return UsageReport.of(team, usage.of(team.id()));
	}

}

package com.seedance.gateway.teams.web;

import java.net.URI;

import jakarta.validation.Valid;

import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import com.seedance.gateway.teams.Quota;
import com.seedance.gateway.teams.Team;
import com.seedance.gateway.teams.TeamUsage;
import com.seedance.gateway.teams.Teams;
import com.seedance.gateway.teams.Teams.CreatedTeam;
import com.seedance.gateway.teams.WebhookSecrets;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;
import tools.jackson.databind.JsonNode;

@RestController
@RequestMapping("/admin/teams")
@Tag(name = "Admin: teams", description = "Operator API: teams, their quotas and webhook signing secrets.")
@SecurityRequirement(name = "adminToken")
@ApiResponse(responseCode = "401", description = "unauthorized: missing or wrong admin token",
		content = @Content(mediaType = MediaType.APPLICATION_PROBLEM_JSON_VALUE, schema = @Schema(implementation = ProblemDetail.class)))
class AdminTeamController {

	static final String MERGE_PATCH_JSON = "application/merge-patch+json";

	private final Teams teams;

	private final TeamUsage usage;

	private final TeamPatch patches;

	private final WebhookSecrets webhookSecrets;

	AdminTeamController(Teams teams, TeamUsage usage, TeamPatch patches, WebhookSecrets webhookSecrets) {
		this.teams = teams;
		this.usage = usage;
		this.patches = patches;
		this.webhookSecrets = webhookSecrets;
	}

	@PostMapping
	@Operation(summary = "Create a team", description = "A quota limit that is null or absent is unlimited; so is a missing quota.")
	@ApiResponse(responseCode = "201", description = "Created; Location names the team; webhook_secret is the "
			+ "team's notification signing secret, shown this once")
	@ApiResponse(responseCode = "400", description = "Invalid fields (code validation_failed)",
			content = @Content(mediaType = MediaType.APPLICATION_PROBLEM_JSON_VALUE, schema = @Schema(implementation = ProblemDetail.class)))
	@ApiResponse(responseCode = "409", description = "The id is taken (code conflict)",
			content = @Content(mediaType = MediaType.APPLICATION_PROBLEM_JSON_VALUE, schema = @Schema(implementation = ProblemDetail.class)))
	ResponseEntity<TeamResponse> create(@Valid @RequestBody CreateTeamRequest request) {
		Quota quota = request.quota() == null ? Quota.UNLIMITED : request.quota();
		CreatedTeam created = teams.create(request.id(), request.name(), quota);
		Team team = created.team();
		return ResponseEntity.created(URI.create("/admin/teams/" + team.id()))
			.body(TeamResponse.of(team, usage.of(team.id())).withWebhookSecret(created.webhookSecret()));
	}

	@PostMapping("/{id}/webhook-secret")
	@Operation(summary = "Create or rotate a team's webhook signing secret",
			description = "Returns the new secret this once (whsec_ and the base64 of 32 random bytes). For 24 hours "
					+ "after a rotation, notifications carry a signature with the new secret and one with each "
					+ "secret it replaced (space-separated in webhook-signature), so receivers can switch over. "
					+ "Notifications of a team that has no secret yet wait, and go out once it has one.")
	@ApiResponse(responseCode = "201", description = "The new secret, shown this once")
	@ApiResponse(responseCode = "404", description = "No such team (code not_found)",
			content = @Content(mediaType = MediaType.APPLICATION_PROBLEM_JSON_VALUE, schema = @Schema(implementation = ProblemDetail.class)))
	ResponseEntity<WebhookSecretResponse> issueWebhookSecret(@PathVariable String id) {
		return ResponseEntity.status(HttpStatus.CREATED).body(new WebhookSecretResponse(webhookSecrets.issue(id)));
	}

	@GetMapping
	@Operation(summary = "List teams", description = "All teams ordered by id. Usage is left out here; "
			+ "GET /admin/teams/{id} shows it.")
	@ApiResponse(responseCode = "200", description = "The teams")
	TeamResponse.Page list() {
		return new TeamResponse.Page(teams.all().stream().map(team -> TeamResponse.of(team, null)).toList());
	}

	@GetMapping("/{id}")
	@Operation(summary = "Show a team with its usage")
	@ApiResponse(responseCode = "200", description = "The team")
	@ApiResponse(responseCode = "404", description = "No such team (code not_found)",
			content = @Content(mediaType = MediaType.APPLICATION_PROBLEM_JSON_VALUE, schema = @Schema(implementation = ProblemDetail.class)))
	TeamResponse get(@PathVariable String id) {
		return TeamResponse.of(teams.get(id), usage.of(id));
	}

	@PatchMapping(path = "/{id}", consumes = { MERGE_PATCH_JSON, MediaType.APPLICATION_JSON_VALUE })
	@Operation(summary = "Change a team's name or quota",
			description = "A JSON merge patch (RFC 7396) of the team as created: an absent member keeps its value; "
					+ "null removes it, so a null quota limit is unlimited and \"quota\": null makes every limit "
					+ "unlimited; the result must be valid as a creation request, and id cannot change.",
			requestBody = @io.swagger.v3.oas.annotations.parameters.RequestBody(content = {
					@Content(mediaType = MERGE_PATCH_JSON, schema = @Schema(implementation = TeamMergePatch.class)),
					@Content(mediaType = MediaType.APPLICATION_JSON_VALUE, schema = @Schema(implementation = TeamMergePatch.class)) }))
	@ApiResponse(responseCode = "200", description = "The changed team")
	@ApiResponse(responseCode = "400", description = "Invalid fields, or a changed id (code validation_failed); nothing changes",
			content = @Content(mediaType = MediaType.APPLICATION_PROBLEM_JSON_VALUE, schema = @Schema(implementation = ProblemDetail.class)))
	@ApiResponse(responseCode = "404", description = "No such team (code not_found)",
			content = @Content(mediaType = MediaType.APPLICATION_PROBLEM_JSON_VALUE, schema = @Schema(implementation = ProblemDetail.class)))
	TeamResponse change(@PathVariable String id, @RequestBody JsonNode patch) {
		Team team = teams.change(id, current -> patches.apply(id, current, patch));
		return TeamResponse.of(team, usage.of(id));
	}

}

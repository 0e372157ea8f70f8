package com.seedance.gateway.teams.web;

import java.net.URI;
import java.util.UUID;

import jakarta.validation.Valid;

import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

import com.seedance.gateway.teams.ApiKeys;
import com.seedance.gateway.teams.ApiKeys.IssuedKey;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;

@RestController
@RequestMapping("/admin/teams/{id}/keys")
@Tag(name = "Admin: API keys", description = "Operator API: a team's API keys. A key is shown once, when issued.")
@SecurityRequirement(name = "adminToken")
@ApiResponse(responseCode = "401", description = "unauthorized: missing or wrong admin token",
		content = @Content(mediaType = MediaType.APPLICATION_PROBLEM_JSON_VALUE, schema = @Schema(implementation = ProblemDetail.class)))
@ApiResponse(responseCode = "404", description = "No such team, or no such key in this team (code not_found)",
		content = @Content(mediaType = MediaType.APPLICATION_PROBLEM_JSON_VALUE, schema = @Schema(implementation = ProblemDetail.class)))
class AdminApiKeyController {

	private final ApiKeys apiKeys;

	AdminApiKeyController(ApiKeys apiKeys) {
		this.apiKeys = apiKeys;
	}

	@PostMapping
	@Operation(summary = "Issue a key", description = "The response is the only place the key's clear text ever appears; "
			+ "the gateway keeps only its SHA-256 hash.")
	@ApiResponse(responseCode = "201", description = "Issued; Location names the key")
	@ApiResponse(responseCode = "400", description = "Invalid fields (code validation_failed)",
			content = @Content(mediaType = MediaType.APPLICATION_PROBLEM_JSON_VALUE, schema = @Schema(implementation = ProblemDetail.class)))
	ResponseEntity<IssuedApiKeyResponse> issue(@PathVariable String id, @Valid @RequestBody CreateApiKeyRequest request) {
		IssuedKey issued = apiKeys.issue(id, request.name());
		return ResponseEntity.created(URI.create("/admin/teams/" + id + "/keys/" + issued.key().id()))
			.body(IssuedApiKeyResponse.of(issued));
	}

	@GetMapping
	@Operation(summary = "List a team's keys", description = "Oldest first, revoked ones included; never a key or its hash.")
	@ApiResponse(responseCode = "200", description = "The team's keys")
	ApiKeyResponse.Page list(@PathVariable String id) {
		return new ApiKeyResponse.Page(apiKeys.ofTeam(id).stream().map(ApiKeyResponse::of).toList());
	}

	@DeleteMapping("/{keyId}")
	@ResponseStatus(HttpStatus.NO_CONTENT)
	@Operation(summary = "Revoke a key", description = "Takes effect at once. Revoking a revoked key again also answers 204.")
	@ApiResponse(responseCode = "204", description = "Revoked")
	@ApiResponse(responseCode = "400", description = "validation_failed: keyId is not a key id")
	void revoke(@PathVariable String id, @PathVariable UUID keyId) {
		apiKeys.revoke(id, keyId);
	}

}

package com.seedance.gateway.teams.web;

import java.time.Instant;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

import io.swagger.v3.oas.annotations.media.Schema;

import org.jspecify.annotations.Nullable;

import com.seedance.gateway.teams.Quota;
import com.seedance.gateway.teams.Team;
import com.seedance.gateway.teams.TeamUsage.ReservedCredits;
import com.seedance.gateway.teams.TeamUsage.Usage;
import com.seedance.gateway.teams.TeamUsage.UsageCounts;

/** A team as operators see it; {@code usage} is left out of lists. */
record TeamResponse(
		@JsonProperty("id") String id,
		@JsonProperty("name") String name,
		@JsonProperty("quota") Quota quota,
		@JsonProperty("created_at") Instant createdAt,
		@JsonProperty("updated_at") Instant updatedAt,
		@JsonProperty("usage") @JsonInclude(JsonInclude.Include.NON_NULL) @Nullable UsageCounts usage,
		@JsonProperty("reserved") @JsonInclude(JsonInclude.Include.NON_NULL) @Nullable ReservedCredits reserved,
		@JsonProperty("webhook_secret") @JsonInclude(JsonInclude.Include.NON_NULL)
		@Schema(description = "only in the answer to the team's creation: its first webhook signing secret, shown this once",
				example = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw") @Nullable String webhookSecret) {

	static TeamResponse of(Team team, @Nullable Usage usage) {
		return new TeamResponse(team.id(), team.name(), team.quota(), team.createdAt(), team.updatedAt(),
				usage == null ? null : usage.used(), usage == null ? null : usage.reserved(), null);
	}

	TeamResponse withWebhookSecret(String secret) {
		return new TeamResponse(id, name, quota, createdAt, updatedAt, usage, reserved, secret);
	}

	@Schema(name = "TeamPage") // every Page record would be one schema "Page"
	record Page(@JsonProperty("items") List<TeamResponse> items) {
	}

}

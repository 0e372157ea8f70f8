package com.seedance.gateway.teams.web;

import com.fasterxml.jackson.annotation.JsonProperty;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import org.jspecify.annotations.Nullable;

import com.seedance.gateway.teams.Quota;

/** The body of {@code POST /admin/teams}; no quota means no limits. */
record CreateTeamRequest(
		@JsonProperty("id") @NotNull @Pattern(regexp = "^[a-z0-9][a-z0-9_-]{0,62}$",
				message = "must be 1 to 63 lower-case letters, digits, '_' or '-', starting with a letter or digit") @Nullable String id,
		@JsonProperty("name") @NotBlank @Size(max = 200) @Nullable String name,
		@JsonProperty("quota") @Valid @Nullable Quota quota) {
}

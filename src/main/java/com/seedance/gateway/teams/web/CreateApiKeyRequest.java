package com.seedance.gateway.teams.web;

import com.fasterxml.jackson.annotation.JsonProperty;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

import org.jspecify.annotations.Nullable;

/** The body of {@code POST /admin/teams/{id}/keys}: a name that tells operators what the key is for. */
record CreateApiKeyRequest(@JsonProperty("name") @NotBlank @Size(max = 200) @Nullable String name) {
}

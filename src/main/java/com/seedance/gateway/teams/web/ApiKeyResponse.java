package com.seedance.gateway.teams.web;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import com.fasterxml.jackson.annotation.JsonProperty;

import io.swagger.v3.oas.annotations.media.Schema;

import org.jspecify.annotations.Nullable;

import com.seedance.gateway.teams.ApiKey;

/** A key as listed: never its clear text or hash. */
record ApiKeyResponse(
		@JsonProperty("id") UUID id,
		@JsonProperty("name") String name,
		@JsonProperty("prefix") String prefix,
		@JsonProperty("created_at") Instant createdAt,
		@JsonProperty("revoked_at") @Nullable Instant revokedAt,
		@JsonProperty("last_used_at") @Nullable Instant lastUsedAt) {

	static ApiKeyResponse of(ApiKey key) {
		return new ApiKeyResponse(key.id(), key.name(), key.prefix(), key.createdAt(), key.revokedAt(),
				key.lastUsedAt());
	}

	@Schema(name = "ApiKeyPage") // every Page record would be one schema "Page"
	record Page(@JsonProperty("items") List<ApiKeyResponse> items) {
	}

}

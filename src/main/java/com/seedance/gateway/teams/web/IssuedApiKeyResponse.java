package com.seedance.gateway.teams.web;

import java.time.Instant;
import java.util.UUID;

import com.fasterxml.jackson.annotation.JsonProperty;

import com.seedance.gateway.teams.ApiKeys.IssuedKey;

/** A key just issued: the only response that ever carries its clear text. */
record IssuedApiKeyResponse(
		@JsonProperty("id") UUID id,
		@JsonProperty("name") String name,
		@JsonProperty("prefix") String prefix,
		@JsonProperty("key") String key,
		@JsonProperty("created_at") Instant createdAt) {

	static IssuedApiKeyResponse of(IssuedKey issued) {
		return new IssuedApiKeyResponse(issued.key().id(), issued.key().name(), issued.key().prefix(),
				issued.secret(), issued.key().createdAt());
	}

	@Override
	public String toString() {
		return "IssuedApiKeyResponse[" + prefix + "…]";
	}

}

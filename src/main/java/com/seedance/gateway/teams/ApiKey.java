package com.seedance.gateway.teams;

import java.time.Instant;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import org.jspecify.annotations.Nullable;

/** A team's API key, known only by its SHA-256 hash and a display prefix. */
@Entity
@Table(name = "api_key")
public class ApiKey {

	@Id
	private UUID id;

	@Column(name = "team_id", nullable = false)
	private String teamId;

	@Column(nullable = false)
	private String name;

	@Column(nullable = false)
	private String prefix;

	@Column(name = "key_hash", nullable = false)
	private byte[] keyHash;

	@Column(name = "created_at", nullable = false)
	private Instant createdAt;

	@Column(name = "revoked_at")
	private @Nullable Instant revokedAt;

	@Column(name = "last_used_at")
	private @Nullable Instant lastUsedAt;

	protected ApiKey() {
	}

	ApiKey(UUID id, String teamId, String name, ApiKeySecret secret, Instant now) {
		this.id = id;
		this.teamId = teamId;
		this.name = name;
		this.prefix = secret.displayPrefix();
		this.keyHash = secret.hash();
		this.createdAt = now;
	}

	/** Revokes the key, if it is not already; whether it was not. */
	boolean revoke(Instant now) {
		if (revokedAt != null) {
			return false;
		}
		revokedAt = now;
		return true;
	}

	public boolean isRevoked() {
		return revokedAt != null;
	}

	public UUID id() {
		return id;
	}

	public String teamId() {
		return teamId;
	}

	public String name() {
		return name;
	}

	public String prefix() {
		return prefix;
	}

	byte[] keyHash() {
		return keyHash.clone();
	}

	public Instant createdAt() {
		return createdAt;
	}

	public @Nullable Instant revokedAt() {
		return revokedAt;
	}

	public @Nullable Instant lastUsedAt() {
		return lastUsedAt;
	}

}

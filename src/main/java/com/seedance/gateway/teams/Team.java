package com.seedance.gateway.teams;

import java.time.Instant;

import jakarta.persistence.Column;
import jakarta.persistence.Embedded;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

import org.jspecify.annotations.Nullable;

@Entity
@Table(name = "team")
public class Team {

	@Id
	private String id;

	@Column(nullable = false)
	private String name;

	@Embedded
	private Quota quota;

	@Column(name = "created_at", nullable = false)
	private Instant createdAt;

	@Column(name = "updated_at", nullable = false)
	private Instant updatedAt;

	// A wrapper, not a primitive: Spring Data takes a null version to mean "new" and persists (INSERT)
	// instead of merging, so creating an existing id fails rather than overwriting that team.
	@Version
	private @Nullable Long version;

	protected Team() {
	}

	private Team(String id, String name, Quota quota, Instant now) {
		this.id = id;
		this.name = name;
		this.quota = quota;
		this.createdAt = now;
		this.updatedAt = now;
	}

	public static Team create(String id, String name, Quota quota, Instant now) {
		return new Team(id, name, quota, now);
	}

	public void rename(String name, Instant now) {
		this.name = name;
		this.updatedAt = now;
	}

	public void changeQuota(Quota quota, Instant now) {
		this.quota = quota;
		this.updatedAt = now;
	}

	public String id() {
		return id;
	}

	public String name() {
		return name;
	}

	public Quota quota() {
		return quota == null ? Quota.UNLIMITED : quota;
	}

	public Instant createdAt() {
		return createdAt;
	}

	public Instant updatedAt() {
		return updatedAt;
	}

}

package com.seedance.gateway.teams.web;

import java.util.ArrayList;
import java.util.List;

import jakarta.validation.Validator;

import org.springframework.stereotype.Component;

import com.seedance.gateway.shared.FieldViolation;
import com.seedance.gateway.shared.ValidationFailed;
import com.seedance.gateway.teams.Quota;
import com.seedance.gateway.teams.TeamSettings;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * A {@code PATCH /admin/teams/{id}} body is a JSON merge patch (RFC 7396) of the team as a
 * {@link CreateTeamRequest}: an absent member keeps its value, {@code null} removes it (a quota limit becomes
 * unlimited; {@code "quota": null} makes all of them unlimited), an object is merged member by member, any other
 * value replaces. The patched document is then bound and validated exactly like a creation request.
 */
@Component
class TeamPatch {

	private final JsonMapper json;

	private final Validator validator;

	TeamPatch(JsonMapper json, Validator validator) {
		this.json = json;
		this.validator = validator;
	}

	/** The team {@code id} as {@code patch} makes it; throws {@link ValidationFailed} when the result is invalid. */
	TeamSettings apply(String id, TeamSettings current, JsonNode patch) {
		if (!patch.isObject()) {
			throw new ValidationFailed("body", "must be a JSON object: a merge patch of the team");
		}
		JsonNode document = merge(json.valueToTree(new CreateTeamRequest(id, current.name(), current.quota())), patch);
		CreateTeamRequest changed;
		try {
			changed = json.treeToValue(document, CreateTeamRequest.class);
		}
		catch (JacksonException ex) {
			throw ValidationFailed.of(ex);
		}
		List<FieldViolation> errors = new ArrayList<>(ValidationFailed.of(validator.validate(changed)).errors());
		if (!id.equals(changed.id())) {
			errors.removeIf(error -> error.field().equals("id"));
			errors.add(new FieldViolation("id", "cannot change"));
		}
		if (!errors.isEmpty()) {
			throw new ValidationFailed(errors);
		}
		return new TeamSettings(changed.name(), changed.quota() == null ? Quota.UNLIMITED : changed.quota());
	}

	/** RFC 7396, section 2. */
	static JsonNode merge(JsonNode target, JsonNode patch) {
		if (!patch.isObject()) {
			return patch;
		}
		ObjectNode result = target.isObject() ? (ObjectNode) target.deepCopy() : JsonNodeFactory.instance.objectNode();
		patch.properties().forEach(member -> {
			if (member.getValue().isNull()) {
				result.remove(member.getKey());
			}
			else {
				result.set(member.getKey(), merge(result.path(member.getKey()), member.getValue()));
			}
		});
		return result;
	}

}

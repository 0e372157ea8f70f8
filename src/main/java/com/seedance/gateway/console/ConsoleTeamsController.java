package com.seedance.gateway.console;

import java.util.List;
import java.util.UUID;

import jakarta.servlet.http.HttpServletResponse;

import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import com.seedance.gateway.teams.ApiKeyNotFound;
import com.seedance.gateway.teams.ApiKeys;
import com.seedance.gateway.teams.Team;
import com.seedance.gateway.teams.TeamSettings;
import com.seedance.gateway.teams.TeamUsage;
import com.seedance.gateway.teams.Teams;
import com.seedance.gateway.teams.WebhookSecrets;

/**
 * {@code /console/teams} and {@code /console/teams/{id}}: each team's limits against its use, its keys, and the
 * actions on them, all through the teams module's services. A new key or webhook secret is shown in the answer to
 * the form that made it and nowhere else: it is never put in the session (which lives in the database) to survive a
 * redirect.
 */
@Controller
class ConsoleTeamsController {

	record TeamRow(Team team, TeamUsage.Usage usage) {
	}

	private final Teams teams;

	private final TeamUsage usage;

	private final ApiKeys apiKeys;

	private final WebhookSecrets webhookSecrets;

	ConsoleTeamsController(Teams teams, TeamUsage usage, ApiKeys apiKeys, WebhookSecrets webhookSecrets) {
		this.teams = teams;
		this.usage = usage;
		this.apiKeys = apiKeys;
		this.webhookSecrets = webhookSecrets;
	}

	@GetMapping("/console/teams")
	String teams(Model model) {
		List<TeamRow> rows = teams.all().stream().map(team -> new TeamRow(team, usage.of(team.id()))).toList();
		model.addAttribute("rows", rows);
		return "console/teams";
	}

	@GetMapping("/console/teams/{id}")
	String team(@PathVariable String id, Model model) {
		return page(teams.get(id), model, null);
	}

	@PostMapping("/console/teams/{id}/keys")
	String issueKey(@PathVariable String id, @RequestParam(defaultValue = "") String name, Model model,
			HttpServletResponse response) {
		Team team = teams.get(id);
		if (name.isBlank() || name.length() > 200) {
			response.setStatus(HttpStatus.BAD_REQUEST.value());
			model.addAttribute("keyError", "A key needs a name of 1 to 200 characters.");
			return page(team, model, null);
		}
		ApiKeys.IssuedKey issued = apiKeys.issue(id, name.trim());
		model.addAttribute("issuedKey", issued.secret());
		model.addAttribute("issuedKeyName", issued.key().name());
		return page(team, model, null);
	}

	@PostMapping("/console/teams/{id}/keys/{keyId}/revoke")
	String revokeKey(@PathVariable String id, @PathVariable String keyId, RedirectAttributes redirect) {
		UUID key;
		try {
			key = UUID.fromString(keyId);
		}
		catch (IllegalArgumentException ex) {
			throw new ApiKeyNotFound(new UUID(0, 0));
		}
		apiKeys.revoke(id, key);
		redirect.addFlashAttribute("notice", "The key is revoked; every instance refuses it within a second.");
		return "redirect:/console/teams/" + id;
	}

	@PostMapping("/console/teams/{id}/limits")
	String changeLimits(@PathVariable String id, @RequestParam(defaultValue = "") String name,
			@RequestParam(required = false) @Nullable String maxConcurrentJobs,
			@RequestParam(required = false) @Nullable String dailyJobs,
			@RequestParam(required = false) @Nullable String monthlyCredits, Model model, HttpServletResponse response,
			RedirectAttributes redirect) {
		Team team = teams.get(id);
		LimitsForm form = new LimitsForm(name, maxConcurrentJobs, dailyJobs, monthlyCredits);
		List<String> errors = form.errors();
		if (!errors.isEmpty()) {
			response.setStatus(HttpStatus.BAD_REQUEST.value());
			model.addAttribute("limitErrors", errors);
			return page(team, model, form);
		}
		TeamSettings settings = form.settings();
		teams.change(id, current -> settings);
		redirect.addFlashAttribute("notice", "The limits are changed.");
		return "redirect:/console/teams/" + id;
	}

	@PostMapping("/console/teams/{id}/webhook-secret")
	String rotateWebhookSecret(@PathVariable String id, Model model) {
		Team team = teams.get(id);
		model.addAttribute("issuedSecret", webhookSecrets.issue(id));
		return page(team, model, null);
	}

	private String page(Team team, Model model, @Nullable LimitsForm form) {
		model.addAttribute("team", team);
		model.addAttribute("usage", usage.of(team.id()));
		model.addAttribute("keys", apiKeys.ofTeam(team.id()));
		model.addAttribute("limits", form != null ? form : LimitsForm.of(new TeamSettings(team.name(), team.quota())));
		return "console/team";
	}

}

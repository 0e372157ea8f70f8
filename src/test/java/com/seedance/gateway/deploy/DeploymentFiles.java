package com.seedance.gateway.deploy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import org.yaml.snakeyaml.Yaml;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The deployment files of the repository, read as data: docker-compose.yml, deploy/k8s, deploy/prometheus and
 * deploy/grafana. Paths are relative to the project directory, where Maven runs the tests.
 */
final class DeploymentFiles {

	static final Path ROOT = Path.of("").toAbsolutePath();

	static final Path COMPOSE = ROOT.resolve("docker-compose.yml");

	static final Path K8S = ROOT.resolve("deploy/k8s");

	static final Path PROMETHEUS = ROOT.resolve("deploy/prometheus/prometheus.yml");

	static final Path ALERTS = ROOT.resolve("deploy/prometheus/alerts.yml");

	static final Path GRAFANA_PROVISIONING = ROOT.resolve("deploy/grafana/provisioning");

	static final Path DASHBOARD = ROOT.resolve("deploy/grafana/dashboards/gateway.json");

	/** A PromQL expression and where it is written (a dashboard panel or an alert rule). */
	record Query(String where, String expression) {
	}

	private DeploymentFiles() {
	}

	static String text(Path file) {
		try {
			return Files.readString(file);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/** A YAML file of one document, as maps and lists. */
	static Map<String, Object> yaml(Path file) {
		return Objects.requireNonNull(new Yaml().load(text(file)), file.toString());
	}

	/** Every document of a (possibly multi-document) YAML file. */
	@SuppressWarnings("unchecked")
	static List<Map<String, Object>> yamlDocuments(Path file) {
		List<Map<String, Object>> documents = new ArrayList<>();
		for (Object document : new Yaml().loadAll(text(file))) {
			if (document != null) {
				documents.add((Map<String, Object>) document);
			}
		}
		return documents;
	}

	static JsonNode dashboard() {
		return JsonMapper.builder().build().readTree(text(DASHBOARD));
	}

	/** The manifest of the given kind among the files kustomization.yaml lists (exactly one). */
	static Map<String, Object> manifest(String kind) {
		List<Map<String, Object>> found = new ArrayList<>();
		for (String resource : Yamls.strings(yaml(K8S.resolve("kustomization.yaml")), "resources")) {
			for (Map<String, Object> document : yamlDocuments(K8S.resolve(resource))) {
				if (kind.equals(document.get("kind"))) {
					found.add(document);
				}
			}
		}
		if (found.size() != 1) {
			throw new IllegalStateException(found.size() + " manifests of kind " + kind + " in " + K8S);
		}
		return found.get(0);
	}

	/** Every PromQL expression of the dashboard's panels and of the alert rules. */
	static List<Query> queries() {
		List<Query> queries = new ArrayList<>();
		for (JsonNode panel : dashboard().path("panels")) {
			for (JsonNode target : panel.path("targets")) {
				queries.add(new Query("panel \"" + panel.path("title").asString() + "\"",
						target.path("expr").asString()));
			}
		}
		for (Map<String, Object> rule : alertRules()) {
			queries.add(new Query("alert " + rule.get("alert"), String.valueOf(rule.get("expr"))));
		}
		return queries;
	}

	static List<Map<String, Object>> alertRules() {
		List<Map<String, Object>> rules = new ArrayList<>();
		for (Map<String, Object> group : Yamls.maps(yaml(ALERTS), "groups")) {
			rules.addAll(Yamls.maps(group, "rules"));
		}
		return rules;
	}

}

package com.seedance.gateway.deploy;

import static com.seedance.gateway.deploy.DeploymentFiles.ALERTS;
import static com.seedance.gateway.deploy.DeploymentFiles.COMPOSE;
import static com.seedance.gateway.deploy.DeploymentFiles.DASHBOARD;
import static com.seedance.gateway.deploy.DeploymentFiles.GRAFANA_PROVISIONING;
import static com.seedance.gateway.deploy.DeploymentFiles.K8S;
import static com.seedance.gateway.deploy.DeploymentFiles.PROMETHEUS;
import static com.seedance.gateway.deploy.DeploymentFiles.ROOT;
import static com.seedance.gateway.deploy.DeploymentFiles.manifest;
import static com.seedance.gateway.deploy.DeploymentFiles.text;
import static com.seedance.gateway.deploy.DeploymentFiles.yaml;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.springframework.boot.convert.DurationStyle;
import org.springframework.boot.env.YamlPropertySourceLoader;
import org.springframework.core.env.PropertySource;
import org.springframework.core.io.ClassPathResource;
import org.springframework.util.FileSystemUtils;

import com.seedance.gateway.deploy.DeploymentFiles.Query;
import com.seedance.gateway.deploy.Dockerfile.Instruction;
import com.seedance.gateway.deploy.Dockerfile.Stage;
import com.seedance.gateway.deploy.PromQl.LabelMatcher;
import com.seedance.gateway.deploy.PromQl.Selector;

import tools.jackson.databind.JsonNode;

/**
 * The deployment files agree with the application and with each other: every variable they set is one the
 * gateway reads, probes ask health groups the gateway exposes, one port runs from the container to Prometheus'
 * target, the Kubernetes objects select the Deployment's pods, Grafana and Prometheus are wired to the files the
 * compose file mounts, every alert is explained, and the image is built and launched as README, "Production launch",
 * says. No Docker engine or cluster needed: the files are parsed (and {@code bin/gateway} asked for its command).
 * That the metrics they query exist is {@link DeploymentMetricsIntegrationTests}' part.
 */
class DeploymentFilesTests {

	private static final String SECRET = "seedance-gateway";

	private static final Set<String> SECRET_VARIABLES = Set.of("SEEDANCE_API_KEY", "GATEWAY_ADMIN_TOKEN",
			"GATEWAY_SECRETS_KEY", "SPRING_DATASOURCE_PASSWORD");

	private final ApplicationSettings settings = ApplicationSettings.load();

	@Test
	void every_variable_the_compose_file_and_the_manifests_set_is_one_the_gateway_reads() {
		Map<String, String> variables = new LinkedHashMap<>();
		composeEnvironment().keySet().forEach(name -> variables.put(name, "docker-compose.yml"));
		configMap().keySet().forEach(name -> variables.put(name, "the ConfigMap"));
		containerEnv().forEach(env -> variables.put(String.valueOf(env.get("name")), "the Deployment"));
		secretExample().keySet().forEach(name -> variables.put(name, "secret.example.yaml"));

		assertThat(variables).containsKeys("SPRING_DATASOURCE_URL", "SEEDANCE_SANDBOX", "SEEDANCE_API_KEY",
				"GATEWAY_ADMIN_TOKEN", "GATEWAY_SECRETS_KEY", "SEEDANCE_BASE_URL", "GATEWAY_MAX_IN_FLIGHT");
		assertThat(variables.keySet().stream().filter(name -> !settings.reads(name)).map(name -> name + " (" + variables.get(name) + ")"))
			.as("variables no property of the gateway, Spring Boot or the JVM reads")
			.isEmpty();
	}

	@Test
	void the_configuration_table_of_the_readme_names_only_settings_the_gateway_reads() {
		List<String> documented = configurationTableVariables();

		assertThat(documented).hasSizeGreaterThan(15).contains("GATEWAY_SECRETS_KEY", "SERVER_PORT");
		assertThat(documented).filteredOn(name -> !settings.reads(name)).isEmpty();
	}

	@Test
	void the_check_of_variables_fails_on_a_variable_nothing_reads() {
		assertThat(settings.reads("GATEWAY_MAX_IN_FLIGHT")).isTrue();
		assertThat(settings.reads("SPRING_DATASOURCE_HIKARI_MAXIMUM_POOL_SIZE")).isTrue();
		assertThat(settings.reads("LOGGING_LEVEL_COM_SEEDANCE")).isTrue();
		assertThat(settings.reads("GATEWAY_MAXINFLIGHT")).isTrue();
		assertThat(settings.reads("GATEWAY_DELIVERIES_RETRY_DELAYS")).isTrue();
		assertThat(settings.reads("JAVA_TOOL_OPTIONS")).isTrue();
		assertThat(settings.reads("JAVA_OPTS")).as("read by bin/gateway, the image's launch").isTrue();
		assertThat(settings.reads("GATEWAY_MAX_INFLIGHT")).as("relaxed binding does not map it").isFalse();
		assertThat(settings.reads("GATEWAY_MAX_IN_FLIGHTS")).isFalse();
		assertThat(settings.reads("SEEDANCE_KEY")).isFalse();
	}

	@Test
	void the_deployment_takes_secrets_from_the_secret_and_settings_from_the_config_map() {
		Map<String, String> fromSecret = new LinkedHashMap<>();
		for (Map<String, Object> env : containerEnv()) {
			Object secretRef = Yamls.at(env, "valueFrom.secretKeyRef");
			if (secretRef != null) {
				@SuppressWarnings("unchecked")
				Map<String, Object> ref = (Map<String, Object>) secretRef;
				assertThat(ref.get("name")).as("the Secret of %s", env.get("name")).isEqualTo(SECRET);
				fromSecret.put(String.valueOf(env.get("name")), String.valueOf(ref.get("key")));
			}
		}

		assertThat(fromSecret.keySet()).containsAll(SECRET_VARIABLES);
		assertThat(secretExample().keySet()).as("secret.example.yaml holds what the Deployment reads")
			.containsExactlyInAnyOrderElementsOf(fromSecret.values());
		assertThat(configMap().keySet()).doesNotContainAnyElementsOf(SECRET_VARIABLES)
			.contains("SPRING_DATASOURCE_URL", "SEEDANCE_BASE_URL", "SERVER_PORT")
			.noneMatch(name -> name.endsWith("_PASSWORD") || name.endsWith("_TOKEN") || name.endsWith("_API_KEY"));
		assertThat(configMap()).doesNotContainKey("SEEDANCE_SANDBOX");
		List<String> configMapRefs = Yamls.maps(container(), "envFrom").stream()
			.map(source -> Yamls.string(source, "configMapRef.name"))
			.toList();
		assertThat(configMapRefs).containsExactly(String.valueOf(configMapGenerator().get("name")));
		assertThat(Yamls.strings(yaml(K8S.resolve("kustomization.yaml")), "resources"))
			.as("the Secret is created apart, never from the example").doesNotContain("secret.example.yaml");
	}

	@Test
	void probes_ask_the_health_groups_the_application_exposes_on_the_application_port() {
		Map<String, Object> container = container();

		assertThat(Yamls.string(container, "livenessProbe.httpGet.path")).isEqualTo("/actuator/health/liveness");
		assertThat(Yamls.string(container, "startupProbe.httpGet.path")).isEqualTo("/actuator/health/liveness");
		assertThat(Yamls.string(container, "readinessProbe.httpGet.path")).isEqualTo("/actuator/health/readiness");
		for (String probe : List.of("livenessProbe", "readinessProbe", "startupProbe")) {
			assertThat(containerPort(Yamls.required(container, probe + ".httpGet.port"))).as(probe)
				.isEqualTo(serverPort(configMap()));
		}
		Map<String, Object> application = applicationYml();
		assertThat(application.get("management.endpoint.health.probes.enabled")).isEqualTo(true);
		assertThat(String.valueOf(application.get("management.endpoints.web.exposure.include")))
			.contains("health", "prometheus");
		assertThat(application).containsKeys("management.endpoint.health.group.liveness.include",
				"management.endpoint.health.group.readiness.include");
		assertThat(String.valueOf(application.get("management.endpoint.health.group.liveness.include")))
			.as("liveness never depends on the database or the upstream").doesNotContain("db", "upstream");
	}

	@Test
	void one_port_runs_from_the_container_to_the_service_and_the_scrape_targets() {
		int port = serverPort(configMap());
		Map<String, Object> service = manifest("Service");
		Map<String, Object> annotations = Yamls.map(manifest("Deployment"), "spec.template.metadata.annotations");

		assertThat(Yamls.maps(container(), "ports")).extracting(p -> p.get("containerPort")).containsExactly(port);
		assertThat(Yamls.maps(service, "spec.ports")).hasSize(1)
			.allSatisfy(p -> assertThat(containerPort(p.get("targetPort"))).isEqualTo(port));
		assertThat(annotations).containsEntry("prometheus.io/scrape", "true")
			.containsEntry("prometheus.io/port", String.valueOf(port))
			.containsEntry("prometheus.io/path", "/actuator/prometheus");

		Map<String, Object> gateway = composeService("gateway");
		int composePort = serverPort(composeEnvironment());
		assertThat(Yamls.strings(gateway, "ports")).containsExactly(composePort + ":" + composePort);
		Map<String, Object> scrape = Yamls.maps(yaml(PROMETHEUS), "scrape_configs").get(0);
		assertThat(scrape.get("metrics_path")).isEqualTo("/actuator/prometheus");
		assertThat(scrape.get("job_name")).as("the alert rules' job label").isEqualTo("seedance-gateway");
		assertThat(Yamls.strings(Yamls.maps(scrape, "static_configs").get(0), "targets"))
			.containsExactly("gateway:" + composePort);
		assertThat(text(ROOT.resolve("Dockerfile"))).containsPattern("(?m)^EXPOSE\\s+" + composePort + "\\b");
	}

	@Test
	void the_jvm_is_sized_to_the_memory_the_pod_is_given() {
		Map<String, Object> container = container();
		// the image's launch, then JAVA_OPTS, which comes after its flags and so wins
		String javaOptions = productionLaunch() + " " + containerVariable("JAVA_OPTS");
		Matcher percentage = Pattern.compile("-XX:MaxRAMPercentage=(\\d+)").matcher(javaOptions);
		int heapShare = 0;
		while (percentage.find()) {
			heapShare = Integer.parseInt(percentage.group(1));
		}

		assertThat(heapShare).as("heap share of the limit, leaving room for the rest: %s", javaOptions)
			.isBetween(40, 75);
		assertThat(javaOptions).as("the heap follows the limit").doesNotContain("-Xmx", "-XX:MaxRAM=");
		assertThat(jvmFlagNames(containerVariable("JAVA_TOOL_OPTIONS")))
			.as("JAVA_TOOL_OPTIONS is read before the command line: a flag the launch sets cannot be changed there")
			.doesNotContainAnyElementsOf(jvmFlagNames(productionLaunch()));
		assertThat(Yamls.string(container, "resources.limits.memory"))
			.as("the memory the JVM sizes itself from is also what the pod is guaranteed")
			.isEqualTo(Yamls.string(container, "resources.requests.memory"));
		assertThat(Yamls.at(container, "resources.requests.cpu")).isNotNull();
		assertThat(Yamls.at(container, "resources.limits.cpu")).isNotNull();
	}

	@Test
	void the_pod_and_the_compose_container_are_given_longer_than_the_whole_graceful_shutdown() {
		// two shutdown phases may wait that long each: the workers' upstream calls, then the HTTP requests
		Duration phase = DurationStyle.detectAndParse(
				String.valueOf(applicationYml().get("spring.lifecycle.timeout-per-shutdown-phase")));
		Duration shutdown = phase.multipliedBy(2);
		Duration preStop = Duration.ofSeconds((Integer) Yamls.required(container(), "lifecycle.preStop.sleep.seconds"));
		Duration pod = Duration.ofSeconds(
				(Integer) Yamls.required(manifest("Deployment"), "spec.template.spec.terminationGracePeriodSeconds"));
		Duration compose = DurationStyle.detectAndParse(Yamls.string(composeService("gateway"), "stop_grace_period"));
		Duration longestCall = DurationStyle.detectAndParse(String.valueOf(applicationYml().get("seedance.connect-timeout")))
			.plus(DurationStyle.detectAndParse(String.valueOf(applicationYml().get("seedance.response-timeout"))))
			.plusSeconds(5);

		assertThat(phase).as("longer than the longest upstream call").isGreaterThan(longestCall);
		assertThat(pod).as("terminationGracePeriodSeconds").isGreaterThan(preStop.plus(shutdown));
		assertThat(compose).as("stop_grace_period").isGreaterThan(shutdown);
	}

	@Test
	void the_service_the_budget_and_the_autoscaler_take_the_deployments_pods() {
		Map<String, Object> deployment = manifest("Deployment");
		Map<String, Object> podLabels = Yamls.map(deployment, "spec.template.metadata.labels");
		Map<String, Object> hpa = manifest("HorizontalPodAutoscaler");

		assertThat(podLabels).containsAllEntriesOf(Yamls.map(deployment, "spec.selector.matchLabels"))
			.containsAllEntriesOf(Yamls.map(manifest("Service"), "spec.selector"))
			.containsAllEntriesOf(Yamls.map(manifest("PodDisruptionBudget"), "spec.selector.matchLabels"));
		assertThat(Yamls.string(hpa, "spec.scaleTargetRef.kind")).isEqualTo("Deployment");
		assertThat(Yamls.string(hpa, "spec.scaleTargetRef.name")).isEqualTo(Yamls.string(deployment, "metadata.name"));
		assertThat((Integer) Yamls.required(hpa, "spec.minReplicas")).isGreaterThanOrEqualTo(2)
			.isLessThanOrEqualTo((Integer) Yamls.required(hpa, "spec.maxReplicas"));
		assertThat(Yamls.at(deployment, "spec.replicas")).as("the autoscaler owns the replica count").isNull();
		assertThat(Yamls.at(manifest("PodDisruptionBudget"), "spec.maxUnavailable")).isEqualTo(1);
	}

	@Test
	void kustomization_lists_every_manifest_of_the_folder() throws IOException {
		Set<String> listed = new TreeSet<>(Yamls.strings(yaml(K8S.resolve("kustomization.yaml")), "resources"));
		Set<String> present = new TreeSet<>();
		try (Stream<Path> files = Files.list(K8S)) {
			files.map(file -> file.getFileName().toString())
				.filter(name -> name.endsWith(".yaml") && !name.equals("kustomization.yaml")
						&& !name.equals("secret.example.yaml"))
				.forEach(present::add);
		}

		assertThat(listed).isEqualTo(present);
		for (String resource : listed) {
			for (Map<String, Object> document : DeploymentFiles.yamlDocuments(K8S.resolve(resource))) {
				assertThat(document).as(resource).containsKeys("apiVersion", "kind", "metadata");
			}
		}
	}

	@Test
	void the_compose_file_starts_the_database_the_gateway_prometheus_and_a_provisioned_grafana() {
		assertThat(Yamls.map(yaml(COMPOSE), "services")).containsOnlyKeys("db", "gateway", "prometheus", "grafana");
		assertThat(composeService("gateway").get("build")).isEqualTo(".");
		for (String service : List.of("db", "prometheus", "grafana")) {
			assertThat(Yamls.string(composeService(service), "image")).as("%s is pinned to a version", service)
				.matches("[^:]+:[0-9v][^:]*").doesNotEndWith(":latest");
		}

		// Prometheus reads its default config path, /etc/prometheus/prometheus.yml, and alerts.yml next to it
		Map<String, String> prometheusMounts = mounts(composeService("prometheus"));
		assertThat(prometheusMounts).containsEntry("./deploy/prometheus", "/etc/prometheus");
		assertThat(Yamls.strings(yaml(PROMETHEUS), "rule_files")).containsExactly("alerts.yml");
		assertThat(PROMETHEUS.resolveSibling("alerts.yml")).isEqualTo(ALERTS);

		// Grafana: provisioning in its place, the provider's folder is where the dashboards are mounted
		Map<String, String> grafanaMounts = mounts(composeService("grafana"));
		assertThat(grafanaMounts).containsEntry("./deploy/grafana/provisioning", "/etc/grafana/provisioning");
		Map<String, Object> provider = Yamls
			.maps(yaml(GRAFANA_PROVISIONING.resolve("dashboards/gateway.yml")), "providers").get(0);
		String dashboardsPath = Yamls.string(provider, "options.path");
		assertThat(grafanaMounts).containsEntry("./" + ROOT.relativize(DASHBOARD.getParent()), dashboardsPath);
		assertThat(Yamls.string(composeService("grafana"), "environment.GF_DASHBOARDS_DEFAULT_HOME_DASHBOARD_PATH"))
			.isEqualTo(dashboardsPath + "/" + DASHBOARD.getFileName());

		// the data source is the compose file's Prometheus on its port
		Map<String, Object> datasource = Yamls
			.maps(yaml(GRAFANA_PROVISIONING.resolve("datasources/prometheus.yml")), "datasources").get(0);
		URI url = URI.create(Yamls.string(datasource, "url"));
		assertThat(url.getHost()).isEqualTo("prometheus");
		assertThat(Yamls.strings(composeService("prometheus"), "ports")).containsExactly("9090:" + url.getPort());
		assertThat(datasource).containsEntry("type", "prometheus").containsEntry("isDefault", true);
	}

	@Test
	void every_dashboard_panel_queries_the_data_source_variable() {
		JsonNode dashboard = DeploymentFiles.dashboard();
		JsonNode variable = dashboard.path("templating").path("list").get(0);
		Set<Integer> ids = new HashSet<>();
		int queries = 0;

		assertThat(dashboard.path("uid").asString()).isEqualTo("seedance-gateway");
		assertThat(variable.path("type").asString()).isEqualTo("datasource");
		assertThat(variable.path("query").asString()).isEqualTo("prometheus");
		for (JsonNode panel : dashboard.path("panels")) {
			assertThat(ids.add(panel.path("id").asInt())).as("panel ids are unique").isTrue();
			if (panel.path("type").asString().equals("row")) {
				continue;
			}
			assertThat(panel.path("datasource").path("uid").asString()).as(panel.path("title").asString())
				.isEqualTo("${" + variable.path("name").asString() + "}");
			assertThat(panel.path("targets").size()).isPositive();
			for (JsonNode target : panel.path("targets")) {
				assertThat(target.path("expr").asString()).isNotBlank();
				queries++;
			}
		}
		assertThat(queries).isGreaterThanOrEqualTo(10);
	}

	@Test
	void every_alert_has_a_severity_a_summary_and_its_threshold_explained_in_a_comment_and_the_readme() {
		List<String> lines = text(ALERTS).lines().toList();
		String deploying = readmeSection("Deploying");
		List<String> names = new ArrayList<>();

		for (Map<String, Object> rule : DeploymentFiles.alertRules()) {
			String name = String.valueOf(rule.get("alert"));
			names.add(name);
			assertThat(Yamls.string(rule, "labels.severity")).as(name).isIn("warning", "critical");
			assertThat(Yamls.string(rule, "annotations.summary")).as(name).isNotBlank();
			assertThat(Yamls.string(rule, "annotations.description")).as(name).isNotBlank();
			int at = lines.indexOf("      - alert: " + name);
			assertThat(at).as("%s in alerts.yml", name).isPositive();
			assertThat(lines.get(at - 1).trim()).as("the comment above %s explains its threshold", name).startsWith("#");
			assertThat(deploying).as("README, Deploying, explains %s", name).contains("`" + name + "`");
		}
		assertThat(names).doesNotHaveDuplicates()
			.contains("UpstreamKeyRejected", "UpstreamUnreachable", "JobQueueGrowing", "JobsFailing", "NotificationsFailing");
	}

	@Test
	void every_deployment_file_is_listed_in_the_readme() throws IOException {
		String deploying = readmeSection("Deploying");
		try (Stream<Path> files = Stream.concat(Stream.of(COMPOSE), Files.walk(ROOT.resolve("deploy")))) {
			files.filter(Files::isRegularFile)
				.map(file -> ROOT.relativize(file).toString())
				.forEach(file -> assertThat(deploying).as("README, Deploying, lists %s", file).contains("`" + file + "`"));
		}
	}

	@Test
	void selectors_are_read_out_of_promql_with_their_label_matchers() {
		List<Selector> selectors = PromQl.selectors("""
				sum by (status) (rate(gateway_jobs_status_changes_total{status=~"failed|succeeded", uri="/a/{token}"}[$__rate_interval]))
				  / on (instance) group_left max(up{job="x"}) > 0.5
				  or sum(orphans_total unless orphans_total offset 1h) * 60 and max(deriv(queued[15m:1m])) > 1e3""");

		assertThat(selectors).extracting(Selector::metric)
			.containsExactly("gateway_jobs_status_changes_total", "up", "orphans_total", "orphans_total", "queued");
		assertThat(selectors.get(0).matchers()).containsExactly(new LabelMatcher("status", "=~", "failed|succeeded"),
				new LabelMatcher("uri", "=", "/a/{token}"));
		assertThat(selectors.get(0).matchers().get(0).values()).containsExactly("failed", "succeeded");
		assertThat(DeploymentFiles.queries()).extracting(Query::expression)
			.allSatisfy(expression -> assertThat(PromQl.selectors(expression)).isNotEmpty());
	}

	// --- the image

	@Test
	void the_image_is_built_on_a_jdk_and_runs_on_a_jre_of_the_same_long_term_support_release() {
		Dockerfile dockerfile = dockerfile();
		Stage build = dockerfile.stage("build");
		Stage run = dockerfile.runStage();
		Matcher jre = Pattern.compile("eclipse-temurin:(\\d+)-jre").matcher(run.image());

		assertThat(dockerfile.stages()).extracting(Stage::name).containsExactly("build", "");
		assertThat(jre.matches()).as(run.image()).isTrue();
		int release = Integer.parseInt(jre.group(1));
		assertThat(release).as("a long-term support release (every fourth from 21: 21, 25, 29, …)")
			.isGreaterThanOrEqualTo(21)
			.matches(number -> (number - 21) % 4 == 0);
		assertThat(build.image()).as("the cache and the classes are made by the release that runs them")
			.isEqualTo("eclipse-temurin:" + release + "-jdk");
	}

	@Test
	void the_image_copies_the_jars_layers_least_changed_first_and_trains_the_cache_on_them() {
		Stage build = dockerfile().stage("build");
		Stage run = dockerfile().runStage();
		List<Instruction> steps = run.instructions();
		List<String> layers = new ArrayList<>();
		int application = -1;
		for (Instruction copy : run.all("COPY")) {
			Matcher layer = Pattern.compile("--from=build /layers/([a-z-]+)/ \\./").matcher(copy.arguments());
			if (layer.matches()) {
				layers.add(layer.group(1));
				application = steps.indexOf(copy);
			}
		}
		int training = steps.indexOf(new Instruction("RUN", "bin/gateway train"));

		assertThat(build.all("RUN")).extracting(Instruction::arguments)
			.endsWith("bin/gateway extract target/seedance-gateway.jar /layers");
		assertThat(layers).as("Spring Boot's layers, in the order of its layers.idx")
			.containsExactly("dependencies", "spring-boot-loader", "snapshot-dependencies", "application");
		assertThat(run.last("WORKDIR")).map(Instruction::arguments).contains("/app");
		assertThat(training).as("the cache is trained on the copied application").isGreaterThan(application);
		assertThat(text(ROOT.resolve("bench/launch.sh"))).as("bench/launch.sh runs the image's steps on a host")
			.contains("bin/gateway\" install \"$jar\"", "bin/gateway\" train");
		assertThat(text(ROOT.resolve("bin/gateway"))).as("install: extract, then the layers together, as the COPY steps")
			.contains("extract \"$2\" \"$layers\"", "for layer in " + String.join(" ", layers) + "; do");
	}

	@Test
	void the_image_runs_as_a_non_root_user_the_deployment_names_too() {
		Stage run = dockerfile().runStage();
		List<Instruction> steps = run.instructions();
		Instruction user = run.last("USER").orElseThrow(() -> new AssertionError("no USER"));
		Matcher useradd = Pattern.compile("useradd .*--uid (\\d+) .*\\b" + Pattern.quote(user.arguments()) + "$")
			.matcher(run.all("RUN").get(0).arguments());

		assertThat(user.arguments()).isNotIn("root", "0");
		assertThat(steps.indexOf(user)).as("the steps after USER run as that user, ENTRYPOINT too")
			.isGreaterThan(steps.indexOf(run.last("RUN").orElseThrow()));
		assertThat(useradd.find()).as(run.all("RUN").get(0).arguments()).isTrue();
		Map<String, Object> pod = Yamls.map(manifest("Deployment"), "spec.template.spec.securityContext");
		assertThat(pod).containsEntry("runAsNonRoot", true)
			.containsEntry("runAsUser", Integer.parseInt(useradd.group(1)));
	}

	@Test
	void the_health_check_asks_the_liveness_group_on_the_port_the_gateway_listens_on() {
		Instruction check = dockerfile().runStage()
			.last("HEALTHCHECK")
			.orElseThrow(() -> new AssertionError("no HEALTHCHECK"));
		List<String> command = check.execForm();
		Map<String, Object> application = applicationYml();

		assertThat(command).hasSize(3).startsWith("bash", "-c");
		assertThat(command.get(2)).contains("GET /actuator/health/liveness ")
			.contains("/dev/tcp/127.0.0.1/${SERVER_PORT:-" + application.get("server.port") + "}");
		assertThat(application).containsEntry("management.endpoint.health.probes.enabled", true)
			.containsKey("management.endpoint.health.group.liveness.include");
		assertThat(Duration.parse("PT" + check.option("start-period").toUpperCase(Locale.ROOT)))
			.as("the start is not counted against the container").isGreaterThanOrEqualTo(Duration.ofSeconds(20));
	}

	@Test
	void the_entrypoint_is_the_production_launch_the_readme_documents() {
		Stage run = dockerfile().runStage();
		String documented = readmeSection("Production launch").lines()
			.filter(line -> line.startsWith("java -"))
			.findFirst()
			.orElseThrow(() -> new AssertionError("README, Production launch, shows no java command"));

		assertThat(run.last("ENTRYPOINT")).map(Instruction::execForm).contains(List.of("/app/bin/gateway", "run"));
		assertThat(productionLaunch()).as("what bin/gateway runs in the image").isEqualTo(documented);
		assertThat(jvmFlags(documented)).as("README, Production launch, says what each flag buys").isNotEmpty()
			.allSatisfy(flag -> assertThat(readmeSection("Production launch")).contains("| `" + flag + "`"));
	}

	// --- reading the files

	private static Dockerfile dockerfile() {
		return Dockerfile.parse(text(ROOT.resolve("Dockerfile")));
	}

	/**
	 * The java command {@code bin/gateway run} executes in the image: in an application directory with an AOT cache,
	 * without JAVA_OPTS.
	 */
	private static String productionLaunch() {
		try {
			Path app = Files.createTempDirectory("gateway-launch");
			Files.createDirectories(app.resolve("bin"));
			Files.copy(ROOT.resolve("bin/gateway"), app.resolve("bin/gateway"));
			Files.createFile(app.resolve("app.aot"));
			ProcessBuilder command = new ProcessBuilder("bash", app.resolve("bin/gateway").toString(), "command")
				.redirectErrorStream(true);
			command.environment().remove("JAVA_OPTS");
			Process process = command.start();
			String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
			assertThat(process.waitFor()).as(output).isZero();
			FileSystemUtils.deleteRecursively(app);
			return output;
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	/** The JVM's own options ({@code -X…}, {@code -XX:…}) of a command line. */
	private static List<String> jvmFlags(String commandLine) {
		return Stream.of(commandLine.split("\\s+")).filter(word -> word.startsWith("-X")).toList();
	}

	/** Their names: {@code -XX:UseSerialGC} for {@code -XX:+UseSerialGC}, {@code -Xms} for {@code -Xms64m}. */
	private static Set<String> jvmFlagNames(String commandLine) {
		Set<String> names = new TreeSet<>();
		for (String flag : jvmFlags(commandLine)) {
			Matcher name = Pattern.compile("-XX:[+-]?([A-Za-z]+)|(-X[a-z]+)").matcher(flag);
			if (name.lookingAt()) {
				names.add(name.group(1) != null ? "-XX:" + name.group(1) : name.group(2));
			}
		}
		return names;
	}

	private static String containerVariable(String name) {
		return containerEnv().stream()
			.filter(env -> name.equals(env.get("name")))
			.map(env -> String.valueOf(env.get("value")))
			.findFirst()
			.orElse("");
	}

	private static Map<String, Object> composeService(String name) {
		return Yamls.map(yaml(COMPOSE), "services." + name);
	}

	private static Map<String, Object> composeEnvironment() {
		return Yamls.map(composeService("gateway"), "environment");
	}

	/** Host path → container path of a compose service's bind mounts. */
	private static Map<String, String> mounts(Map<String, Object> service) {
		Map<String, String> mounts = new LinkedHashMap<>();
		for (String volume : Yamls.strings(service, "volumes")) {
			String[] parts = volume.split(":");
			mounts.put(parts[0], parts[1]);
		}
		return mounts;
	}

	private static Map<String, Object> container() {
		List<Map<String, Object>> containers = Yamls.maps(manifest("Deployment"), "spec.template.spec.containers");
		assertThat(containers).hasSize(1);
		return containers.get(0);
	}

	private static List<Map<String, Object>> containerEnv() {
		return Yamls.maps(container(), "env");
	}

	private static Map<String, Object> configMapGenerator() {
		List<Map<String, Object>> generators = Yamls.maps(yaml(K8S.resolve("kustomization.yaml")), "configMapGenerator");
		assertThat(generators).hasSize(1);
		return generators.get(0);
	}

	/** The ConfigMap's variables, from the generator's {@code NAME=value} literals. */
	private static Map<String, Object> configMap() {
		Map<String, Object> variables = new LinkedHashMap<>();
		for (String literal : Yamls.strings(configMapGenerator(), "literals")) {
			int equals = literal.indexOf('=');
			assertThat(equals).as(literal).isPositive();
			assertThat(variables.put(literal.substring(0, equals), literal.substring(equals + 1))).as(literal).isNull();
		}
		return variables;
	}

	private static Map<String, Object> secretExample() {
		Map<String, Object> secret = yaml(K8S.resolve("secret.example.yaml"));
		assertThat(secret).containsEntry("kind", "Secret");
		assertThat(Yamls.string(secret, "metadata.name")).isEqualTo(SECRET);
		return Yamls.map(secret, "stringData");
	}

	private static int serverPort(Map<String, Object> environment) {
		Object port = environment.get("SERVER_PORT");
		return port == null ? (Integer) applicationYml().get("server.port") : Integer.parseInt(String.valueOf(port));
	}

	/** A port the Deployment's container names or numbers, as a number. */
	private static int containerPort(Object port) {
		if (port instanceof Integer number) {
			return number;
		}
		return Yamls.maps(container(), "ports").stream()
			.filter(p -> port.equals(p.get("name")))
			.map(p -> (Integer) p.get("containerPort"))
			.findFirst()
			.orElseThrow(() -> new AssertionError("no container port named " + port));
	}

	/** application.yml as Spring reads it: flattened keys. */
	private static Map<String, Object> applicationYml() {
		try {
			Map<String, Object> flat = new LinkedHashMap<>();
			for (PropertySource<?> source : new YamlPropertySourceLoader().load("application.yml",
					new ClassPathResource("application.yml"))) {
				((Map<?, ?>) source.getSource()).forEach((key, value) -> flat.put(String.valueOf(key),
						value instanceof org.springframework.boot.origin.OriginTrackedValue tracked ? tracked.getValue() : value));
			}
			return flat;
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	private static List<String> configurationTableVariables() {
		List<String> names = new ArrayList<>();
		Matcher row = Pattern.compile("(?m)^\\| `([A-Z][A-Z0-9_]+)`").matcher(readmeSection("Configuration"));
		while (row.find()) {
			names.add(row.group(1));
		}
		return names;
	}

	/** The text of a README section ({@code ## title}) up to the next one. */
	static String readmeSection(String title) {
		String readme = text(ROOT.resolve("README.md"));
		int start = readme.indexOf("\n## " + title + "\n");
		assertThat(start).as("README has a section %s", title).isNotNegative();
		int end = readme.indexOf("\n## ", start + 1);
		return readme.substring(start, end < 0 ? readme.length() : end);
	}

}

package com.seedance.gateway.deploy;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.lang.reflect.RecordComponent;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.springframework.beans.factory.config.BeanDefinition;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.context.annotation.ClassPathScanningCandidateComponentProvider;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;
import org.springframework.core.type.filter.AnnotationTypeFilter;
import org.springframework.util.ClassUtils;

import com.seedance.gateway.GatewayApplication;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The settings the gateway reads, to tell whether an environment variable means anything to it: the gateway's
 * own {@code @ConfigurationProperties} records, every property Spring Boot and the libraries on the classpath
 * describe in their {@code META-INF/spring-configuration-metadata.json}, the variables the JVM itself reads, and
 * those the image's launch script, {@code bin/gateway}, reads ({@code JAVA_OPTS}).
 * A property is read from the variables Spring's relaxed binding maps to it: dots become underscores and dashes
 * are dropped or become underscores, in upper case ({@code gateway.max-in-flight}: {@code GATEWAY_MAXINFLIGHT} or
 * {@code GATEWAY_MAX_IN_FLIGHT}, never {@code GATEWAY_MAX_INFLIGHT}).
 */
final class ApplicationSettings {

	/** Read by the JVM before Spring starts. */
	private static final Set<String> JVM_VARIABLES = Set.of("JAVA_TOOL_OPTIONS");

	/** Read by bin/gateway, the launch of the image: every {@code ${JAVA…}} it expands. */
	private final Set<String> launcherVariables = new TreeSet<>();

	/** The variables of every property. */
	private final Set<String> names = new TreeSet<>();

	/** Map-typed properties: any variable under them binds ({@code LOGGING_LEVEL_…}). */
	private final Set<String> prefixes = new TreeSet<>();

	private ApplicationSettings() {
	}

	static ApplicationSettings load() {
		ApplicationSettings settings = new ApplicationSettings();
		settings.addGatewayRecords();
		settings.addSpringMetadata();
		settings.addLauncherVariables();
		return settings;
	}

	boolean reads(String environmentVariable) {
		if (JVM_VARIABLES.contains(environmentVariable) || launcherVariables.contains(environmentVariable)) {
			return true;
		}
		return names.contains(environmentVariable) || prefixes.stream().anyMatch(environmentVariable::startsWith);
	}

	private void addLauncherVariables() {
		String launcher = DeploymentFiles.text(DeploymentFiles.ROOT.resolve("bin/gateway"));
		Matcher expansion = Pattern.compile("\\$\\{(JAVA[A-Z_]*)").matcher(launcher);
		while (expansion.find()) {
			launcherVariables.add(expansion.group(1));
		}
		if (!launcherVariables.contains("JAVA_OPTS")) {
			throw new IllegalStateException("bin/gateway does not read JAVA_OPTS");
		}
	}

	private void addGatewayRecords() {
		var scanner = new ClassPathScanningCandidateComponentProvider(false);
		scanner.addIncludeFilter(new AnnotationTypeFilter(ConfigurationProperties.class));
		for (BeanDefinition candidate : scanner.findCandidateComponents(GatewayApplication.class.getPackageName())) {
			Class<?> type = ClassUtils.resolveClassName(candidate.getBeanClassName(), null);
			ConfigurationProperties annotation = type.getAnnotation(ConfigurationProperties.class);
			addRecord(annotation.prefix().isEmpty() ? annotation.value() : annotation.prefix(), type);
		}
		if (names.isEmpty()) {
			throw new IllegalStateException("no @ConfigurationProperties record found");
		}
	}

	private void addRecord(String prefix, Class<?> record) {
		for (RecordComponent component : record.getRecordComponents()) {
			String name = prefix + "." + kebab(component.getName());
			if (component.getType().isRecord()) {
				addRecord(name, component.getType());
			}
			else {
				add(name, Map.class.isAssignableFrom(component.getType()));
			}
		}
	}

	private void addSpringMetadata() {
		JsonMapper json = JsonMapper.builder().build();
		try {
			Resource[] files = new PathMatchingResourcePatternResolver()
				.getResources("classpath*:META-INF/spring-configuration-metadata.json");
			for (Resource file : files) {
				try (InputStream in = file.getInputStream()) {
					for (JsonNode property : json.readTree(in).path("properties")) {
						add(property.path("name").asString(), property.path("type").asString("").startsWith("java.util.Map"));
					}
				}
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		if (!names.contains("SERVER_PORT")) {
			throw new IllegalStateException("Spring Boot's configuration metadata was not found on the classpath");
		}
	}

	/** The variables of a property in its canonical (dashed) form; of a map, the prefix of its entries. */
	private void add(String property, boolean map) {
		String upper = property.toUpperCase(Locale.ROOT).replace('.', '_');
		for (String variable : List.of(upper.replace("-", ""), upper.replace('-', '_'))) {
			if (map) {
				prefixes.add(variable + "_");
			}
			else {
				names.add(variable);
			}
		}
	}

	/** A record component's name as a property name: {@code maxInFlight} is {@code max-in-flight}. */
	private static String kebab(String name) {
		return name.replaceAll("([a-z0-9])([A-Z])", "$1-$2").toLowerCase(Locale.ROOT);
	}

}

package com.seedance.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.beans.factory.config.BeanDefinition;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.env.YamlPropertySourceLoader;
import org.springframework.context.annotation.ClassPathScanningCandidateComponentProvider;
import org.springframework.core.env.EnumerablePropertySource;
import org.springframework.core.env.PropertySource;
import org.springframework.core.io.ClassPathResource;
import org.springframework.core.type.filter.AnnotationTypeFilter;
import org.springframework.util.ClassUtils;

/** No inert settings: every {@code gateway.*} and {@code seedance.*} key we ship is read by a properties record. */
class SettingsTests {

	/** Keys written down ahead of the code that reads them; each entry names who binds it. */
	private static final Set<String> NOT_YET_BOUND = Set.of();

	@ParameterizedTest
	@ValueSource(strings = { "application.yml", "application-test.yml", "application-dev.yml" })
	void every_gateway_and_seedance_key_is_bound_by_a_properties_record(String file) throws Exception {
		Set<String> bound = boundPropertyNames();
		List<String> unbound = new ArrayList<>();
		for (String key : keysOf(file)) {
			String name = key.replaceAll("\\[\\d+]", "");
			if ((name.startsWith("gateway.") || name.startsWith("seedance.")) && !NOT_YET_BOUND.contains(name)
					&& !isBound(canonical(name), bound)) {
				unbound.add(key);
			}
		}
		assertThat(unbound).as("keys in %s that no @ConfigurationProperties record binds", file).isEmpty();
	}

	private static Set<String> keysOf(String file) throws Exception {
		Set<String> keys = new TreeSet<>();
		for (PropertySource<?> source : new YamlPropertySourceLoader().load(file, new ClassPathResource(file))) {
			keys.addAll(List.of(((EnumerablePropertySource<?>) source).getPropertyNames()));
		}
		assertThat(keys).as(file).isNotEmpty();
		return keys;
	}

	/** A key is bound when it is a record component's name, or lies under a map-typed component ("name.*"). */
	private static boolean isBound(String name, Set<String> bound) {
		return bound.contains(name) || bound.stream()
			.anyMatch(entry -> entry.endsWith(".*") && name.startsWith(entry.substring(0, entry.length() - 1)));
	}

	private static Set<String> boundPropertyNames() throws Exception {
		var scanner = new ClassPathScanningCandidateComponentProvider(false);
		scanner.addIncludeFilter(new AnnotationTypeFilter(ConfigurationProperties.class));
		Set<String> names = new TreeSet<>();
		for (BeanDefinition candidate : scanner.findCandidateComponents(GatewayApplication.class.getPackageName())) {
			Class<?> type = ClassUtils.forName(candidate.getBeanClassName(), null);
			ConfigurationProperties annotation = type.getAnnotation(ConfigurationProperties.class);
			String prefix = annotation.prefix().isEmpty() ? annotation.value() : annotation.prefix();
			assertThat(type.isRecord()).as("%s is a record", type).isTrue();
			collect(canonical(prefix), type, names);
		}
		return names;
	}

	private static void collect(String prefix, Class<?> record, Set<String> names) {
		for (RecordComponent component : record.getRecordComponents()) {
			String name = prefix + "." + canonical(component.getName());
			if (component.getType().isRecord()) {
				collect(name, component.getType(), names);
			}
			else if (Map.class.isAssignableFrom(component.getType())) {
				names.add(name + ".*");
			}
			else {
				names.add(name);
			}
		}
	}

	/** Relaxed binding's view of a name: case, dashes and underscores do not matter. */
	private static String canonical(String name) {
		return name.replace("-", "").replace("_", "").toLowerCase(Locale.ROOT);
	}

}

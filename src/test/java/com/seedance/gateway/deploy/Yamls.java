package com.seedance.gateway.deploy;

import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;

/** Walks YAML read by SnakeYAML (maps, lists, scalars) by dotted paths, failing clearly where a path is missing. */
final class Yamls {

	private Yamls() {
	}

	/** The value at a dotted path ({@code spec.template.spec}), or null when any step is missing. */
	static @Nullable Object at(Map<String, Object> root, String path) {
		Object current = root;
		for (String step : path.split("\\.")) {
			if (!(current instanceof Map<?, ?> map)) {
				return null;
			}
			current = map.get(step);
		}
		return current;
	}

	static Object required(Map<String, Object> root, String path) {
		Object value = at(root, path);
		if (value == null) {
			throw new AssertionError("missing " + path + " in " + root);
		}
		return value;
	}

	static String string(Map<String, Object> root, String path) {
		return String.valueOf(required(root, path));
	}

	@SuppressWarnings("unchecked")
	static Map<String, Object> map(Map<String, Object> root, String path) {
		return (Map<String, Object>) required(root, path);
	}

	@SuppressWarnings("unchecked")
	static List<Map<String, Object>> maps(Map<String, Object> root, String path) {
		return (List<Map<String, Object>>) required(root, path);
	}

	@SuppressWarnings("unchecked")
	static List<String> strings(Map<String, Object> root, String path) {
		return ((List<Object>) required(root, path)).stream().map(String::valueOf).toList();
	}

}

package com.seedance.gateway.deploy;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

import tools.jackson.databind.json.JsonMapper;

/**
 * A Dockerfile read as its build stages and their instructions: comments dropped, continued lines joined. Enough of
 * the format for the checks of {@link DeploymentFilesTests}, which have no Docker engine to ask.
 */
record Dockerfile(List<Stage> stages) {

	/** One instruction: its keyword in upper case and the rest of the line. */
	record Instruction(String keyword, String arguments) {

		/**
		 * The command in exec form ({@code ["a", "b"]}) as a list: the arguments of {@code ENTRYPOINT} or
		 * {@code CMD}, what follows {@code CMD} in a {@code HEALTHCHECK}.
		 */
		List<String> execForm() {
			String json = arguments;
			if (keyword.equals("HEALTHCHECK")) {
				int cmd = (" " + arguments).indexOf(" CMD ");
				json = cmd < 0 ? "" : arguments.substring(cmd + 4).trim();
			}
			if (!json.startsWith("[")) {
				throw new AssertionError("not in exec form: " + keyword + " " + arguments);
			}
			return List.of(JsonMapper.builder().build().readValue(json, String[].class));
		}

		/** The {@code --name=value} options before the arguments ({@code HEALTHCHECK --interval=10s}). */
		String option(String name) {
			for (String word : arguments.split(" ")) {
				if (word.startsWith("--" + name + "=")) {
					return word.substring(name.length() + 3);
				}
			}
			throw new AssertionError("no --" + name + " in " + keyword + " " + arguments);
		}

	}

	/** A stage: {@code FROM image [AS name]} and what follows it up to the next {@code FROM}. */
	record Stage(String image, String name, List<Instruction> instructions) {

		List<Instruction> all(String keyword) {
			return instructions.stream().filter(instruction -> instruction.keyword().equals(keyword)).toList();
		}

		Optional<Instruction> last(String keyword) {
			List<Instruction> found = all(keyword);
			return found.isEmpty() ? Optional.empty() : Optional.of(found.get(found.size() - 1));
		}

		/** The image's tag ({@code 25-jre} of {@code eclipse-temurin:25-jre}). */
		String tag() {
			int colon = image.lastIndexOf(':');
			return colon < 0 ? "latest" : image.substring(colon + 1);
		}

	}

	static Dockerfile parse(String text) {
		List<Stage> stages = new ArrayList<>();
		for (String line : logicalLines(text)) {
			String[] parts = line.split("\\s+", 2);
			String keyword = parts[0].toUpperCase(Locale.ROOT);
			String arguments = parts.length > 1 ? parts[1].trim() : "";
			if (keyword.equals("FROM")) {
				String[] from = arguments.split("\\s+");
				String name = from.length == 3 && from[1].equalsIgnoreCase("AS") ? from[2] : "";
				stages.add(new Stage(from[0], name, new ArrayList<>()));
			}
			else if (stages.isEmpty()) {
				throw new IllegalStateException("an instruction before the first FROM: " + line);
			}
			else {
				stages.get(stages.size() - 1).instructions().add(new Instruction(keyword, arguments));
			}
		}
		return new Dockerfile(stages.stream()
			.map(stage -> new Stage(stage.image(), stage.name(), List.copyOf(stage.instructions())))
			.toList());
	}

	Stage runStage() {
		return stages.get(stages.size() - 1);
	}

	Stage stage(String name) {
		return stages.stream()
			.filter(stage -> stage.name().equals(name))
			.findFirst()
			.orElseThrow(() -> new AssertionError("no stage named " + name));
	}

	/** Lines without comments and parser directives, each instruction on one line. */
	private static List<String> logicalLines(String text) {
		List<String> lines = new ArrayList<>();
		StringBuilder current = new StringBuilder();
		for (String raw : text.lines().toList()) {
			String line = raw.strip();
			if (current.isEmpty() && (line.isEmpty() || line.startsWith("#"))) {
				continue;
			}
			if (line.startsWith("#")) {
				continue;
			}
			if (line.endsWith("\\")) {
				current.append(line, 0, line.length() - 1).append(' ');
				continue;
			}
			current.append(line);
			lines.add(current.toString().trim());
			current.setLength(0);
		}
		if (!current.isEmpty()) {
			throw new IllegalStateException("the last instruction ends in a line continuation");
		}
		return lines;
	}

}

package com.seedance.gateway.deploy;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Reads the series selectors out of a PromQL expression: each metric name with its label matchers. Enough of
 * PromQL for the queries of our dashboard and alert rules: functions, aggregations with {@code by}/{@code without},
 * binary operators with {@code on}/{@code ignoring}/{@code group_*}, ranges, subqueries, {@code offset}, numbers,
 * durations and Grafana's {@code $variables}.
 */
final class PromQl {

	/** One {@code label op "value"} inside a selector's braces. */
	record LabelMatcher(String label, String operator, String value) {

		/** The values this matcher asks for: one for {@code =}, each alternative of a plain {@code a|b} regex. */
		List<String> values() {
			return operator.equals("=~") ? List.of(value.split("\\|")) : List.of(value);
		}

	}

	/** A metric name and the label matchers written with it. */
	record Selector(String metric, List<LabelMatcher> matchers) {
	}

	/** Words that are never metric names: aggregations, keywords and the label-list modifiers. */
	private static final Set<String> KEYWORDS = Set.of("sum", "min", "max", "avg", "count", "stddev", "stdvar",
			"topk", "bottomk", "quantile", "count_values", "group", "limitk", "limit_ratio", "and", "or", "unless",
			"bool", "offset", "by", "without", "on", "ignoring", "group_left", "group_right", "atan2", "inf", "nan");

	private static final Set<String> LABEL_LIST_MODIFIERS = Set.of("by", "without", "on", "ignoring", "group_left",
			"group_right");

	private final String text;

	private int at;

	private PromQl(String text) {
		this.text = text;
	}

	static List<Selector> selectors(String expression) {
		return new PromQl(expression).read();
	}

	private List<Selector> read() {
		List<Selector> selectors = new ArrayList<>();
		while (at < text.length()) {
			char c = text.charAt(at);
			if (c == '"' || c == '\'') {
				quoted();
			}
			else if (c == '[') {
				at = text.indexOf(']', at) + 1;
			}
			else if (c == '$' || Character.isDigit(c) || (c == '.' && at + 1 < text.length()
					&& Character.isDigit(text.charAt(at + 1)))) {
				at++;
				while (at < text.length() && (Character.isLetterOrDigit(text.charAt(at)) || text.charAt(at) == '_'
						|| text.charAt(at) == '.')) {
					at++;
				}
			}
			else if (Character.isLetter(c) || c == '_' || c == ':') {
				String word = word();
				skipSpaces();
				boolean call = at < text.length() && text.charAt(at) == '(';
				if (LABEL_LIST_MODIFIERS.contains(word) && call) {
					at = text.indexOf(')', at) + 1;
				}
				else if (!call && !KEYWORDS.contains(word)) {
					selectors.add(new Selector(word,
							at < text.length() && text.charAt(at) == '{' ? matchers() : List.of()));
				}
			}
			else if (c == '{') {
				matchers(); // a selector without a name ({__name__=~"…"}): none in our files
			}
			else {
				at++;
			}
		}
		return selectors;
	}

	private String word() {
		int start = at;
		while (at < text.length() && (Character.isLetterOrDigit(text.charAt(at)) || text.charAt(at) == '_'
				|| text.charAt(at) == ':')) {
			at++;
		}
		return text.substring(start, at);
	}

	private List<LabelMatcher> matchers() {
		List<LabelMatcher> matchers = new ArrayList<>();
		at++; // {
		while (true) {
			while (at < text.length() && (Character.isWhitespace(text.charAt(at)) || text.charAt(at) == ',')) {
				at++;
			}
			if (at >= text.length() || text.charAt(at) == '}') {
				at++;
				return matchers;
			}
			String label = word();
			skipSpaces();
			String operator = text.startsWith("=~", at) || text.startsWith("!~", at) || text.startsWith("!=", at)
					? text.substring(at, at + 2) : "=";
			at += operator.length();
			skipSpaces();
			if (label.isEmpty() || at >= text.length() || text.charAt(at) != '"') {
				throw new IllegalArgumentException("Cannot read the label matchers of: " + text);
			}
			matchers.add(new LabelMatcher(label, operator, quoted()));
		}
	}

	private String quoted() {
		char quote = text.charAt(at++);
		StringBuilder value = new StringBuilder();
		while (text.charAt(at) != quote) {
			if (text.charAt(at) == '\\') {
				at++;
			}
			value.append(text.charAt(at++));
		}
		at++;
		return value.toString();
	}

	private void skipSpaces() {
		while (at < text.length() && Character.isWhitespace(text.charAt(at))) {
			at++;
		}
	}

}

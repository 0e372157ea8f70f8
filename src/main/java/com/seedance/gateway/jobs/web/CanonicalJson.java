package com.seedance.gateway.jobs.web;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import com.seedance.gateway.shared.Secrets;

import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.databind.json.JsonMapper;

/**
 * One text for every JSON text that means the same: object members sorted by name, no whitespace, every number
 * written by its value ({@code 1.50}, {@code 1.5} and {@code 15e-1} all as {@code 1.5}; {@code 100} and
 * {@code 1e2} as {@code 1E+2}), strings with only {@code "}, {@code \} and characters outside 0x20-0x7E
 * escaped ({@code \\uXXXX}, so the form is ASCII). Two requests are "the same request" for an
 * {@code Idempotency-Key} when the SHA-256 of their canonical forms are equal.
 */
final class CanonicalJson {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private static final Object NULL = new Object();

	private CanonicalJson() {
	}

	/** The SHA-256 of the canonical form of {@code json} (valid JSON: the body was already bound), in hex. */
	static String sha256(String json) {
		return HexFormat.of().formatHex(Secrets.sha256(of(json)));
	}

	static String of(String json) {
		try (JsonParser parser = JSON.createParser(json)) {
			parser.nextToken();
			StringBuilder canonical = new StringBuilder(json.length());
			write(read(parser), canonical);
			return canonical.toString();
		}
	}

	/** The value at the parser's current token, as a tree whose objects keep their members sorted. */
	private static Object read(JsonParser parser) {
		JsonToken token = parser.currentToken();
		if (token == JsonToken.START_OBJECT) {
			Map<String, Object> members = new TreeMap<>();
			while (parser.nextToken() == JsonToken.PROPERTY_NAME) {
				String name = parser.currentName();
				parser.nextToken();
				members.put(name, read(parser));
			}
			return members;
		}
		if (token == JsonToken.START_ARRAY) {
			List<Object> items = new ArrayList<>();
			while (parser.nextToken() != JsonToken.END_ARRAY) {
				items.add(read(parser));
			}
			return items;
		}
		if (token == JsonToken.VALUE_STRING) {
			return new Text(parser.getString());
		}
		if (token == JsonToken.VALUE_NUMBER_INT || token == JsonToken.VALUE_NUMBER_FLOAT) {
			return number(parser.getString());
		}
		if (token == JsonToken.VALUE_TRUE || token == JsonToken.VALUE_FALSE) {
			return token.asString();
		}
		if (token == JsonToken.VALUE_NULL) {
			return NULL;
		}
		throw new IllegalStateException("Unexpected JSON token " + token);
	}

	/** A number by its value; one whose exponent is beyond what BigDecimal holds stays as written. */
	private static String number(String literal) {
		try {
			return new BigDecimal(literal).stripTrailingZeros().toString();
		}
		catch (NumberFormatException | ArithmeticException ex) {
			return literal;
		}
	}

	private static void write(Object value, StringBuilder out) {
		if (value instanceof Map<?, ?> members) {
			out.append('{');
			String separator = "";
			for (Map.Entry<?, ?> member : members.entrySet()) {
				out.append(separator);
				quote((String) member.getKey(), out);
				out.append(':');
				write(member.getValue(), out);
				separator = ",";
			}
			out.append('}');
		}
		else if (value instanceof List<?> items) {
			out.append('[');
			String separator = "";
			for (Object item : items) {
				out.append(separator);
				write(item, out);
				separator = ",";
			}
			out.append(']');
		}
		else if (value instanceof Text text) {
			quote(text.value(), out);
		}
		else if (value == NULL) {
			out.append("null");
		}
		else {
			out.append(value); // a number or a boolean, already canonical
		}
	}

	private static void quote(String text, StringBuilder out) {
		out.append('"');
		for (int i = 0; i < text.length(); i++) {
			char c = text.charAt(i);
			if (c == '"' || c == '\\') {
				out.append('\\').append(c);
			}
			else if (c < 0x20 || c > 0x7e) {
				out.append(String.format("\\u%04x", (int) c));
			}
			else {
				out.append(c);
			}
		}
		out.append('"');
	}

	/** A JSON string, told apart from the canonical text of numbers and booleans. */
	private record Text(String value) {
	}

}

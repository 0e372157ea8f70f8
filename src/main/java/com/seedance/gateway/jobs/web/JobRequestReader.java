package com.seedance.gateway.jobs.web;

import java.net.URI;
import java.net.URISyntaxException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;

import com.seedance.gateway.jobs.JobRequest;
import com.seedance.gateway.jobs.JobsProperties;
import com.seedance.gateway.jobs.NotifyProperties;
import com.seedance.gateway.shared.FieldViolation;
import com.seedance.gateway.shared.ValidationFailed;

import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.core.StreamReadFeature;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectReader;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.NullNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Turns a {@code POST /jobs} body into a {@link JobRequest}, in three steps:
 * <ol>
 * <li>parse: the body must be one JSON object (UTF-8, no duplicate keys, nothing after it); while parsing, the
 * {@code content} array's source text is cut out of the body by its token offsets, so it is stored and forwarded
 * exactly as sent (whitespace, key order, escapes and unknown item fields included);</li>
 * <li>types: a known top-level field with the wrong JSON type is a {@link MalformedJobRequest};</li>
 * <li>rules: every broken rule is collected, with a JSON path, into one {@link ValidationFailed}.</li>
 * </ol>
 * A JSON {@code null} counts as absent for the optional fields. Limits beyond the contract: metadata keys are
 * 1–64 characters, values at most 1024; {@code notify_url} at most 2048 characters. Text length is counted in
 * Unicode code points.
 */
@Component
class JobRequestReader {

	static final int MAX_IMAGES = 9;

	static final int MAX_METADATA_KEYS = 16;

	static final int MAX_METADATA_KEY_LENGTH = 64;

	static final int MAX_METADATA_VALUE_LENGTH = 1024;

	static final int MAX_NOTIFY_URL_LENGTH = 2048;

	static final List<Integer> DURATIONS = List.of(5, 10, 15);

	static final List<String> RATIOS = List.of("16:9", "9:16", "1:1", "4:3", "3:4", "21:9");

	static final int DEFAULT_DURATION = 5;

	static final String DEFAULT_RATIO = "16:9";

	private static final String CALLBACK_URL = "callback_url";

	private static final Set<String> FIELDS = Set.of("model", "content", "duration", "ratio", "metadata",
			"notify_url");

	private static final Pattern IMAGE_REFERENCE = Pattern.compile("@image(\\d+)");

	private final ObjectReader json;

	private final JobsProperties properties;

	private final NotifyProperties notify;

	JobRequestReader(JsonMapper jsonMapper, JobsProperties properties, NotifyProperties notify) {
		// values are read one by one from a shared parser; trailing data after the object is checked in parse()
		this.json = jsonMapper.reader()
			.with(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
			.without(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
		this.properties = properties;
		this.notify = notify;
	}

	JobRequest read(byte @Nullable [] body) {
		Parsed parsed = parse(decode(body));
		checkTypes(parsed.root());
		return validate(parsed);
	}

	private record Parsed(ObjectNode root, @Nullable String contentText) {
	}

	private static String decode(byte @Nullable [] body) {
		if (body == null || body.length == 0) {
			throw new MalformedJobRequest("The request body is empty; a JSON object is expected.");
		}
		try {
			String text = StandardCharsets.UTF_8.newDecoder()
				.onMalformedInput(CodingErrorAction.REPORT)
				.onUnmappableCharacter(CodingErrorAction.REPORT)
				.decode(ByteBuffer.wrap(body))
				.toString();
			return text.startsWith("\uFEFF") ? text.substring(1) : text;
		}
		catch (CharacterCodingException ex) {
			throw new MalformedJobRequest("The request body is not UTF-8.");
		}
	}

	private Parsed parse(String text) {
		try (JsonParser parser = json.createParser(text)) {
			JsonToken first = parser.nextToken();
			if (first == null) {
				throw new MalformedJobRequest("The request body is empty; a JSON object is expected.");
			}
			if (first != JsonToken.START_OBJECT) {
				throw new MalformedJobRequest("The request body must be a JSON object.");
			}
			ObjectNode root = JsonNodeFactory.instance.objectNode();
			String contentText = null;
			while (parser.nextToken() == JsonToken.PROPERTY_NAME) {
				String name = parser.currentName();
				JsonToken valueStart = parser.nextToken();
				long start = parser.currentTokenLocation().getCharOffset();
				JsonNode value = json.readTree(parser);
				if (name.equals("content") && valueStart == JsonToken.START_ARRAY) {
					long end = parser.currentTokenLocation().getCharOffset() + 1; // the closing ']'
					contentText = slice(text, start, end);
				}
				root.set(name, value == null ? NullNode.getInstance() : value);
			}
			if (parser.nextToken() != null) {
				throw new MalformedJobRequest("The request body has more after its JSON object.");
			}
			return new Parsed(root, contentText);
		}
		catch (JacksonException ex) {
			throw new MalformedJobRequest("The request body is not valid JSON: " + ex.getOriginalMessage());
		}
	}

	private static String slice(String text, long start, long end) {
		if (start < 0 || end > text.length() || text.charAt((int) start) != '[' || text.charAt((int) end - 1) != ']') {
			throw new IllegalStateException("Could not locate the content array in the request text");
		}
		return text.substring((int) start, (int) end);
	}

	private static void checkTypes(ObjectNode root) {
		List<FieldViolation> errors = new ArrayList<>();
		expect(root, "model", errors, JsonNode::isString, "must be a string");
		expect(root, "content", errors, JsonNode::isArray, "must be an array of content items");
		expect(root, "duration", errors, JsonNode::isIntegralNumber, "must be an integer");
		expect(root, "ratio", errors, JsonNode::isString, "must be a string");
		expect(root, "notify_url", errors, JsonNode::isString, "must be a string");
		expect(root, "metadata", errors, JsonNode::isObject, "must be an object of string values");
		JsonNode metadata = root.get("metadata");
		if (metadata != null && metadata.isObject()) {
			metadata.properties().forEach(entry -> {
				if (!entry.getValue().isString()) {
					errors.add(new FieldViolation("metadata." + entry.getKey(), "must be a string"));
				}
			});
		}
		if (!errors.isEmpty()) {
			throw new MalformedJobRequest("A field of the request body has the wrong JSON type.", errors);
		}
	}

	private static void expect(ObjectNode root, String field, List<FieldViolation> errors,
			java.util.function.Predicate<JsonNode> type, String message) {
		JsonNode value = root.get(field);
		if (value != null && !value.isNull() && !type.test(value)) {
			errors.add(new FieldViolation(field, message));
		}
	}

	private JobRequest validate(Parsed parsed) {
		ObjectNode root = parsed.root();
		List<FieldViolation> errors = new ArrayList<>();
		for (String name : root.propertyNames()) {
			if (name.equals(CALLBACK_URL)) {
				errors.add(new FieldViolation(CALLBACK_URL,
						"is set by the gateway itself; use notify_url to be told of the outcome"));
			}
			else if (!FIELDS.contains(name)) {
				errors.add(new FieldViolation(name, "is not a known field"));
			}
		}

		String model = present(root, "model") ? root.get("model").stringValue() : properties.modelWhenAbsent();
		if (!properties.models().contains(model)) {
			errors.add(new FieldViolation("model", "must be one of " + String.join(", ", properties.models())));
		}

		int duration = DEFAULT_DURATION;
		if (present(root, "duration")) {
			JsonNode value = root.get("duration");
			duration = value.canConvertToInt() ? value.intValue() : -1;
			if (!DURATIONS.contains(duration)) {
				errors.add(new FieldViolation("duration", "must be 5, 10 or 15"));
			}
		}

		String ratio = present(root, "ratio") ? root.get("ratio").stringValue() : DEFAULT_RATIO;
		if (!RATIOS.contains(ratio)) {
			errors.add(new FieldViolation("ratio", "must be one of " + String.join(", ", RATIOS)));
		}

		if (present(root, "content")) {
			validateContent(root.get("content"), errors);
		}
		else {
			errors.add(new FieldViolation("content", "is required"));
		}

		Map<String, String> metadata = present(root, "metadata") ? metadata(root.get("metadata"), errors) : Map.of();

		String notifyUrl = present(root, "notify_url") ? root.get("notify_url").stringValue() : null;
		if (notifyUrl != null) {
			validateNotifyUrl(notifyUrl, errors);
		}

		if (!errors.isEmpty()) {
			throw new ValidationFailed(errors);
		}
		return new JobRequest(model, java.util.Objects.requireNonNull(parsed.contentText()), duration, ratio, metadata, notifyUrl);
	}

	private void validateContent(JsonNode content, List<FieldViolation> errors) {
		int images = 0;
		long textLength = 0;
		boolean hasText = false;
		Map<Integer, String> texts = new LinkedHashMap<>();
		for (int i = 0; i < content.size(); i++) {
			JsonNode item = content.get(i);
			String path = "content[" + i + "]";
			if (!item.isObject()) {
				errors.add(new FieldViolation(path, "must be an object with a type"));
				continue;
			}
			JsonNode type = item.get("type");
			String typeName = type != null && type.isString() ? type.stringValue() : "";
			if (typeName.equals("text")) {
				JsonNode text = item.get("text");
				if (text == null || !text.isString()) {
					errors.add(new FieldViolation(path + ".text", "is required in a text item and must be a string"));
					continue;
				}
				String value = text.stringValue();
				texts.put(i, value);
				textLength += value.codePointCount(0, value.length());
				hasText |= !value.isBlank();
			}
			else if (typeName.equals("image_url")) {
				images++;
				JsonNode image = item.get("image_url");
				JsonNode url = image == null ? null : image.get("url");
				if (image == null || !image.isObject()) {
					errors.add(new FieldViolation(path + ".image_url",
							"is required in an image_url item and must be an object with a url"));
				}
				else if (url == null || !url.isString()) {
					errors.add(new FieldViolation(path + ".image_url.url", "is required and must be a string"));
				}
				else if (httpHost(url.stringValue()) == null) {
					errors.add(new FieldViolation(path + ".image_url.url", "must be an absolute http or https URL"));
				}
			}
			else {
				errors.add(new FieldViolation(path + ".type", "must be text or image_url"));
			}
		}
		if (!hasText) {
			errors.add(new FieldViolation("content", "must contain a text item with non-blank text"));
		}
		if (images > MAX_IMAGES) {
			errors.add(new FieldViolation("content",
					"has " + images + " image items; at most " + MAX_IMAGES + " are allowed"));
		}
		if (textLength > properties.maxTextLength()) {
			errors.add(new FieldViolation("content", "has " + textLength + " characters of text; at most "
					+ properties.maxTextLength() + " are allowed together"));
		}
		for (Map.Entry<Integer, String> text : texts.entrySet()) {
			Set<String> unknown = unknownImageReferences(text.getValue(), images);
			if (!unknown.isEmpty()) {
				errors.add(new FieldViolation("content[" + text.getKey() + "].text", String.join(", ", unknown)
						+ " names no image: the request has " + images + " image item" + (images == 1 ? "" : "s")));
			}
		}
	}

	/** The {@code @imageN} references of {@code text} that name no image (N outside 1..images). */
	static Set<String> unknownImageReferences(String text, int images) {
		Set<String> unknown = new TreeSet<>();
		Matcher matcher = IMAGE_REFERENCE.matcher(text);
		while (matcher.find()) {
			String digits = matcher.group(1);
			int n = digits.length() > 3 ? Integer.MAX_VALUE : Integer.parseInt(digits);
			if (n < 1 || n > images) {
				unknown.add(matcher.group());
			}
		}
		return unknown;
	}

	private static Map<String, String> metadata(JsonNode node, List<FieldViolation> errors) {
		Map<String, String> metadata = new LinkedHashMap<>();
		if (node.size() > MAX_METADATA_KEYS) {
			errors.add(new FieldViolation("metadata",
					"has " + node.size() + " keys; at most " + MAX_METADATA_KEYS + " are allowed"));
		}
		node.properties().forEach(entry -> {
			String key = entry.getKey();
			String value = entry.getValue().stringValue();
			if (key.isEmpty() || key.length() > MAX_METADATA_KEY_LENGTH) {
				errors.add(new FieldViolation("metadata",
						"keys must be 1 to " + MAX_METADATA_KEY_LENGTH + " characters long"));
			}
			else if (value.length() > MAX_METADATA_VALUE_LENGTH) {
				errors.add(new FieldViolation("metadata." + key,
						"must be at most " + MAX_METADATA_VALUE_LENGTH + " characters long"));
			}
			metadata.put(key, value);
		});
		return metadata;
	}

	private void validateNotifyUrl(String notifyUrl, List<FieldViolation> errors) {
		String host = notifyUrl.length() > MAX_NOTIFY_URL_LENGTH ? null : httpHost(notifyUrl);
		if (host == null) {
			errors.add(new FieldViolation("notify_url",
					"must be an absolute http or https URL of at most " + MAX_NOTIFY_URL_LENGTH + " characters"));
		}
		else if (!notify.allows(host)) {
			errors.add(new FieldViolation("notify_url", "points at a host this gateway may not notify"));
		}
	}

	/** The host of an absolute http(s) URL, or null when {@code url} is not one. */
	static @Nullable String httpHost(String url) {
		try {
			URI uri = new URI(url);
			String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
			if (!uri.isAbsolute() || !(scheme.equals("http") || scheme.equals("https")) || uri.getHost() == null
					|| uri.getHost().isEmpty()) {
				return null;
			}
			return uri.getHost();
		}
		catch (URISyntaxException ex) {
			return null;
		}
	}

	private static boolean present(ObjectNode root, String field) {
		JsonNode value = root.get(field);
		return value != null && !value.isNull();
	}

}

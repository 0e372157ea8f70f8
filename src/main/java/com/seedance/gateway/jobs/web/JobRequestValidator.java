package com.seedance.gateway.jobs.web;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;

import org.jspecify.annotations.Nullable;

import com.seedance.gateway.jobs.JobsProperties;
import com.seedance.gateway.shared.FieldViolation;

import tools.jackson.databind.JsonNode;

/**
 * Every rule of a {@code POST /jobs} body, each broken one named by the JSON path the client sent
 * ({@code notify_url}, {@code content[2].image_url.url}, {@code metadata.project}). Limits beyond the contract:
 * metadata keys are 1–64 characters, values at most 1024; {@code notify_url} at most 2048 characters. Text length
 * is counted in Unicode code points.
 */
class JobRequestValidator implements ConstraintValidator<ValidJobRequest, CreateJobRequest> {

	static final int MAX_IMAGES = 9;

	static final int MAX_METADATA_KEYS = 16;

	static final int MAX_METADATA_KEY_LENGTH = 64;

	static final int MAX_METADATA_VALUE_LENGTH = 1024;

	static final int MAX_NOTIFY_URL_LENGTH = 2048;

	private static final String CALLBACK_URL = "callback_url";

	private static final Pattern IMAGE_REFERENCE = Pattern.compile("@image(\\d+)");

	private final JobsProperties properties;

	JobRequestValidator(JobsProperties properties) {
		this.properties = properties;
	}

	@Override
	public boolean isValid(@Nullable CreateJobRequest request, ConstraintValidatorContext context) {
		List<FieldViolation> errors = request == null ? List.of() : violations(request);
		if (errors.isEmpty()) {
			return true;
		}
		context.disableDefaultConstraintViolation();
		for (FieldViolation error : errors) {
			context.buildConstraintViolationWithTemplate(literal(error.message()))
				.addPropertyNode(error.field())
				.addConstraintViolation();
		}
		return false;
	}

	/** A message template that interpolates to {@code message} itself. */
	private static String literal(String message) {
		return message.replaceAll("([\\\\{}$])", "\\\\$1");
	}

	List<FieldViolation> violations(CreateJobRequest request) {
		List<FieldViolation> errors = new ArrayList<>();
		for (String name : request.unknownFields().keySet()) {
			errors.add(name.equals(CALLBACK_URL)
					? new FieldViolation(CALLBACK_URL, "is set by the gateway itself; use notify_url to be told of the outcome")
					: new FieldViolation(name, "is not a known field"));
		}
		List<String> models = properties.jobs().models();
		if (request.model() != null && !models.contains(request.model())) {
			errors.add(new FieldViolation("model", "must be one of " + String.join(", ", models)));
		}
		if (request.duration() != null && !CreateJobRequest.DURATIONS.contains(request.duration())) {
			errors.add(new FieldViolation("duration", "must be 5, 10 or 15"));
		}
		if (request.ratio() != null && !CreateJobRequest.RATIOS.contains(request.ratio())) {
			errors.add(new FieldViolation("ratio", "must be one of " + String.join(", ", CreateJobRequest.RATIOS)));
		}
		if (request.content() == null) {
			errors.add(new FieldViolation("content", "is required"));
		}
		else {
			content(request.content().items(), errors);
		}
		if (request.metadata() != null) {
			metadata(request.metadata(), errors);
		}
		if (request.notifyUrl() != null) {
			notifyUrl(request.notifyUrl(), errors);
		}
		return errors;
	}

	private void content(JsonNode content, List<FieldViolation> errors) {
		int images = 0;
		long textLength = 0;
		boolean hasText = false;
		List<Integer> textItems = new ArrayList<>();
		for (int i = 0; i < content.size(); i++) {
			JsonNode item = content.get(i);
			String path = "content[" + i + "]";
			String type = item.path("type").isString() ? item.path("type").stringValue() : "";
			if (!item.isObject()) {
				errors.add(new FieldViolation(path, "must be an object with a type"));
			}
			else if (type.equals("text")) {
				JsonNode text = item.get("text");
				if (text == null || !text.isString()) {
					errors.add(new FieldViolation(path + ".text", "is required in a text item and must be a string"));
					continue;
				}
				String value = text.stringValue();
				textItems.add(i);
				textLength += value.codePointCount(0, value.length());
				hasText |= !value.isBlank();
			}
			else if (type.equals("image_url")) {
				images++;
				imageUrl(item.get("image_url"), path, errors);
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
		int maxTextLength = properties.jobs().maxTextLength();
		if (textLength > maxTextLength) {
			errors.add(new FieldViolation("content", "has " + textLength + " characters of text; at most "
					+ maxTextLength + " are allowed together"));
		}
		for (int i : textItems) {
			Set<String> unknown = unknownImageReferences(content.get(i).get("text").stringValue(), images);
			if (!unknown.isEmpty()) {
				errors.add(new FieldViolation("content[" + i + "].text", String.join(", ", unknown)
						+ " names no image: the request has " + images + " image item" + (images == 1 ? "" : "s")));
			}
		}
	}

	private static void imageUrl(@Nullable JsonNode image, String path, List<FieldViolation> errors) {
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

	private static void metadata(Map<String, @Nullable String> metadata, List<FieldViolation> errors) {
		if (metadata.size() > MAX_METADATA_KEYS) {
			errors.add(new FieldViolation("metadata",
					"has " + metadata.size() + " keys; at most " + MAX_METADATA_KEYS + " are allowed"));
		}
		metadata.forEach((key, value) -> {
			if (key.isEmpty() || key.length() > MAX_METADATA_KEY_LENGTH) {
				errors.add(new FieldViolation("metadata",
						"keys must be 1 to " + MAX_METADATA_KEY_LENGTH + " characters long"));
			}
			else if (value == null) {
				errors.add(new FieldViolation("metadata." + key, "must be a string"));
			}
			else if (value.length() > MAX_METADATA_VALUE_LENGTH) {
				errors.add(new FieldViolation("metadata." + key,
						"must be at most " + MAX_METADATA_VALUE_LENGTH + " characters long"));
			}
		});
	}

	private void notifyUrl(String notifyUrl, List<FieldViolation> errors) {
		String host = notifyUrl.length() > MAX_NOTIFY_URL_LENGTH ? null : httpHost(notifyUrl);
		if (host == null) {
			errors.add(new FieldViolation("notify_url",
					"must be an absolute http or https URL of at most " + MAX_NOTIFY_URL_LENGTH + " characters"));
		}
		else if (!properties.allowsNotifyHost(host)) {
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

}

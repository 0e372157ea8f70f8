package com.seedance.gateway.support;

import java.util.function.Consumer;

import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;
import tools.jackson.databind.json.JsonMapper;

/** Builds {@code POST /jobs} bodies: {@code JobRequests.text("a cat").images(3).duration(10).json()}. */
public final class JobRequests {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private final ObjectNode body = JSON.createObjectNode();

	private final ArrayNode content = body.putArray("content");

	private int images;

	private JobRequests() {
	}

	/** A request with no content items yet. */
	public static JobRequests empty() {
		return new JobRequests();
	}

	public static JobRequests text(String text) {
		return new JobRequests().andText(text);
	}

	public JobRequests andText(String text) {
		content.addObject().put("type", "text").put("text", text);
		return this;
	}

	/** {@code count} image items with distinct https URLs. */
	public JobRequests images(int count) {
		for (int i = 0; i < count; i++) {
			image("https://images.example.com/" + (++images) + ".png");
		}
		return this;
	}

	public JobRequests image(String url) {
		content.addObject().put("type", "image_url").putObject("image_url").put("url", url);
		return this;
	}

	/** A content item shaped by hand (unknown fields, wrong shapes). */
	public JobRequests item(Consumer<ObjectNode> item) {
		item.accept(content.addObject());
		return this;
	}

	/** A content item that is a JSON value other than an object. */
	public JobRequests itemValue(Object value) {
		content.add(JSON.valueToTree(value));
		return this;
	}

	public JobRequests duration(int duration) {
		body.put("duration", duration);
		return this;
	}

	public JobRequests ratio(String ratio) {
		body.put("ratio", ratio);
		return this;
	}

	public JobRequests model(String model) {
		body.put("model", model);
		return this;
	}

	public JobRequests notifyUrl(String url) {
		body.put("notify_url", url);
		return this;
	}

	public JobRequests metadata(String key, String value) {
		ObjectNode metadata = body.has("metadata") ? (ObjectNode) body.get("metadata") : body.putObject("metadata");
		metadata.put(key, value);
		return this;
	}

	/** Any top-level field set to any JSON value (wrong types, unknown fields). */
	public JobRequests set(String field, Object value) {
		body.set(field, JSON.valueToTree(value));
		return this;
	}

	public JobRequests without(String field) {
		body.remove(field);
		return this;
	}

	public String json() {
		return JSON.writeValueAsString(body);
	}

	@Override
	public String toString() {
		String json = json();
		return json.length() <= 120 ? json : json.substring(0, 117) + "...";
	}

}

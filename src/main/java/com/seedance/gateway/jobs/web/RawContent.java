package com.seedance.gateway.jobs.web;

import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.databind.DeserializationContext;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ValueDeserializer;
import tools.jackson.databind.annotation.JsonDeserialize;

/**
 * The {@code content} array twice over: its {@code items}, to validate, and its exact source {@code text}, which is
 * what gets stored and forwarded, so no item gains, loses or reorders a field and whitespace and escapes survive.
 */
@JsonDeserialize(using = RawContent.Reader.class)
record RawContent(JsonNode items, String text) {

	/** The deserialization attribute that holds the whole body being read, as a string. */
	static final Object SOURCE = RawContent.class;

	/** Reads the array as a tree and cuts its text out of the source by the parser's character offsets. */
	static final class Reader extends ValueDeserializer<RawContent> {

		@Override
		public RawContent deserialize(JsonParser parser, DeserializationContext context) {
			if (!parser.hasToken(JsonToken.START_ARRAY)) {
				return (RawContent) context.handleUnexpectedToken(RawContent.class, parser);
			}
			if (!(context.getAttribute(SOURCE) instanceof String source)) {
				throw new IllegalStateException("RawContent is read only with its source text as attribute SOURCE");
			}
			long start = parser.currentTokenLocation().getCharOffset();
			JsonNode items = context.readTree(parser);
			long end = parser.currentTokenLocation().getCharOffset() + 1; // past the closing ']'
			if (start < 0 || end > source.length() || source.charAt((int) start) != '['
					|| source.charAt((int) end - 1) != ']') {
				throw new IllegalStateException("Could not locate the content array in the request text");
			}
			return new RawContent(items, source.substring((int) start, (int) end));
		}

	}

}

package com.seedance.gateway.jobs.web;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.springframework.http.HttpInputMessage;
import org.springframework.http.HttpOutputMessage;
import org.springframework.http.MediaType;
import org.springframework.http.converter.AbstractHttpMessageConverter;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.stereotype.Component;
import org.springframework.web.context.request.RequestAttributes;
import org.springframework.web.context.request.RequestContextHolder;

import com.seedance.gateway.shared.FieldViolation;

import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.core.StreamReadFeature;
import tools.jackson.core.TokenStreamContext;
import tools.jackson.databind.DeserializationContext;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JavaType;
import tools.jackson.databind.ObjectReader;
import tools.jackson.databind.deser.DeserializationProblemHandler;
import tools.jackson.databind.deser.std.StdScalarDeserializer;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.module.SimpleModule;

/**
 * Binds a {@code POST /jobs} body to a {@link CreateJobRequest} with the application's Jackson setup, stricter in
 * three ways: the body is UTF-8 with no duplicate keys and nothing after its object; a value is never converted to
 * another JSON type ({@code "5"} is no integer, {@code 42} no string), and every value of the wrong type is named
 * at once in a {@link MalformedJobRequest}; the {@code content} array keeps its source text ({@link RawContent}).
 * The body is read once, as one string, and kept as the request attribute {@link #BODY} (for the
 * {@code Idempotency-Key}, which compares bodies as JSON).
 */
@Component
class CreateJobRequestConverter extends AbstractHttpMessageConverter<CreateJobRequest> {

	/** The request attribute that holds the body text read. */
	static final String BODY = CreateJobRequestConverter.class.getName() + ".body";

	private final ObjectReader reader;

	CreateJobRequestConverter(JsonMapper jsonMapper) {
		super(StandardCharsets.UTF_8, MediaType.APPLICATION_JSON);
		this.reader = jsonMapper.rebuild()
			.addModule(new SimpleModule("strict-json-types").addDeserializer(String.class, new StrictString())
				.addDeserializer(Integer.class, new StrictInteger()))
			.addHandler(new WrongTypes())
			.build()
			.readerFor(CreateJobRequest.class)
			.with(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
			.with(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
	}

	@Override
	protected boolean supports(Class<?> type) {
		return type == CreateJobRequest.class;
	}

	@Override
	public boolean canWrite(Class<?> type, MediaType mediaType) {
		return false;
	}

	@Override
	protected CreateJobRequest readInternal(Class<? extends CreateJobRequest> type, HttpInputMessage input)
			throws IOException {
		String body = utf8(input.getBody().readAllBytes(), input);
		RequestAttributes attributes = RequestContextHolder.getRequestAttributes();
		if (attributes != null) {
			attributes.setAttribute(BODY, body, RequestAttributes.SCOPE_REQUEST);
		}
		List<FieldViolation> wrongTypes = new ArrayList<>();
		CreateJobRequest request;
		try {
			request = reader.withAttribute(RawContent.SOURCE, body).withAttribute(WrongTypes.class, wrongTypes)
				.readValue(body);
		}
		catch (JacksonException ex) {
			throw new HttpMessageNotReadableException(
					"The request body is not the JSON expected: " + ex.getOriginalMessage(), ex, input);
		}
		if (!wrongTypes.isEmpty()) {
			throw new MalformedJobRequest("A field of the request body has the wrong JSON type.", wrongTypes);
		}
		if (request == null) {
			throw new HttpMessageNotReadableException("The request body must be a JSON object.", input);
		}
		return request;
	}

	@Override
	protected void writeInternal(CreateJobRequest request, HttpOutputMessage output) {
		throw new UnsupportedOperationException("A job request is only ever read");
	}

	private static String utf8(byte[] body, HttpInputMessage input) {
		try {
			String text = StandardCharsets.UTF_8.newDecoder()
				.onMalformedInput(CodingErrorAction.REPORT)
				.onUnmappableCharacter(CodingErrorAction.REPORT)
				.decode(ByteBuffer.wrap(body))
				.toString();
			return text.startsWith("\uFEFF") ? text.substring(1) : text;
		}
		catch (CharacterCodingException ex) {
			throw new HttpMessageNotReadableException("The request body is not UTF-8.", ex, input);
		}
	}

	/** A JSON string, nothing else. */
	static final class StrictString extends StdScalarDeserializer<String> {

		StrictString() {
			super(String.class);
		}

		@Override
		public String deserialize(JsonParser parser, DeserializationContext context) {
			return parser.hasToken(JsonToken.VALUE_STRING) ? parser.getString()
					: (String) context.handleUnexpectedToken(String.class, parser);
		}

	}

	/** A JSON integer, nothing else; one beyond the range of {@code int} fails as out of range. */
	static final class StrictInteger extends StdScalarDeserializer<Integer> {

		StrictInteger() {
			super(Integer.class);
		}

		@Override
		public Integer deserialize(JsonParser parser, DeserializationContext context) {
			return parser.hasToken(JsonToken.VALUE_NUMBER_INT) ? Integer.valueOf(parser.getIntValue())
					: (Integer) context.handleUnexpectedToken(Integer.class, parser);
		}

	}

	/**
	 * Notes a value of the wrong JSON type (in the list held as the attribute of this class) by its JSON path, skips
	 * it and reads on, so that all of them are reported together. The body itself being no object is left to fail.
	 */
	static final class WrongTypes extends DeserializationProblemHandler {

		private static final Map<Class<?>, String> EXPECTED = Map.of(String.class, "must be a string", Integer.class,
				"must be an integer", RawContent.class, "must be an array of content items", Map.class,
				"must be an object of string values");

		@Override
		@SuppressWarnings("unchecked")
		public Object handleUnexpectedToken(DeserializationContext context, JavaType targetType, JsonToken token,
				JsonParser parser, String failureMessage) {
			String path = path(parser.streamReadContext());
			if (!(context.getAttribute(WrongTypes.class) instanceof List<?> found) || path.isEmpty()) {
				return NOT_HANDLED;
			}
			((List<FieldViolation>) found).add(new FieldViolation(path,
					EXPECTED.getOrDefault(targetType.getRawClass(), "has the wrong JSON type")));
			parser.skipChildren();
			return null;
		}

		/** {@code metadata.project}, {@code content[2]}: where the parser is, as the client wrote it. */
		static String path(TokenStreamContext context) {
			StringBuilder path = new StringBuilder();
			for (TokenStreamContext level = context; level != null && !level.inRoot(); level = level.getParent()) {
				if (level.inArray() && level.hasCurrentIndex()) {
					path.insert(0, "[" + level.getCurrentIndex() + "]");
				}
				else if (level.inObject() && level.currentName() != null) {
					path.insert(0, (level.getParent().inRoot() ? "" : ".") + level.currentName());
				}
			}
			return path.toString();
		}

	}

}

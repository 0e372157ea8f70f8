package com.seedance.gateway.jobs.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorFactory;
import jakarta.validation.Validation;
import jakarta.validation.Validator;
import jakarta.validation.ValidatorFactory;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.mock.http.MockHttpInputMessage;

import com.seedance.gateway.jobs.JobRequest;
import com.seedance.gateway.jobs.JobsProperties;
import com.seedance.gateway.shared.FieldViolation;
import com.seedance.gateway.support.JobRequests;

import tools.jackson.databind.json.JsonMapper;

/** Binding ({@link CreateJobRequestConverter}) and the rules ({@link JobRequestValidator}), without Spring. */
class CreateJobRequestTests {

	JobsProperties properties = new JobsProperties(
			new JobsProperties.Jobs(List.of("seedance-2.0", "seedance-2.0-fast"), 20, Duration.ofHours(24)),
			List.of("*.example.com"));

	CreateJobRequestConverter converter = new CreateJobRequestConverter(JsonMapper.builder().build());

	ValidatorFactory validation = validation(properties);

	Validator validator = validation.getValidator();

	@AfterEach
	void close() {
		validation.close();
	}

	@Test
	void the_content_text_is_cut_out_of_the_body_exactly() {
		String content = "[\n  {\"zz\":1, \"type\" : \"text\",\"text\":\"\\u00e9 \\\"[]\\\" \uD83D\uDE00 ]\"} , {\"type\":\"text\",\"text\":\"b\",\"n\":[[],{}]}\n]";
		String body = "\uFEFF {\"ratio\":\"1:1\", \"content\":" + content + "\t, \"metadata\": {\"content\": \"[x]\"}}";

		JobRequest request = valid(body);

		assertThat(request.contentJson()).isEqualTo(content);
		assertThat(request.ratio()).isEqualTo("1:1");
		assertThat(request.metadata()).containsExactly(Map.entry("content", "[x]"));
	}

	@Test
	void defaults_fill_absent_and_null_optional_fields() {
		JobRequest request = valid(JobRequests.text("a").set("duration", null).set("metadata", null).set("model", null).json());

		assertThat(request.model()).isEqualTo("seedance-2.0");
		assertThat(request.duration()).isEqualTo(5);
		assertThat(request.ratio()).isEqualTo("16:9");
		assertThat(request.metadata()).isEmpty();
		assertThat(request.notifyUrl()).isNull();
	}

	@Test
	void the_fields_given_are_taken() {
		JobRequest request = valid(JobRequests.text("a @image1").images(1).model("seedance-2.0-fast").duration(15)
			.ratio("21:9").notifyUrl("https://hooks.example.com/x").metadata("k", "v").json());

		assertThat(request).extracting(JobRequest::model, JobRequest::duration, JobRequest::ratio, JobRequest::notifyUrl)
			.containsExactly("seedance-2.0-fast", 15, "21:9", "https://hooks.example.com/x");
		assertThat(request.metadata()).containsExactly(Map.entry("k", "v"));
	}

	@Test
	void text_length_counts_characters_not_utf16_units() {
		assertThat(valid(JobRequests.text("\uD83D\uDE00".repeat(20)).json()).contentJson()).isNotEmpty();
		assertThat(fields(JobRequests.text("x".repeat(21)).json())).containsExactly("content");
	}

	@ParameterizedTest
	@CsvSource({ "'@image1 and @image2', 2, ''", "'@image0', 2, '@image0'", "'@image3 @image1 @image3', 2, '@image3'",
			"'@image12345678901', 9, '@image12345678901'", "'mail@imagery.com @imageX', 0, ''" })
	void image_references_must_name_an_existing_image(String text, int images, String unknown) {
		assertThat(String.join(" ", JobRequestValidator.unknownImageReferences(text, images))).isEqualTo(unknown);
	}

	@ParameterizedTest
	@CsvSource({ "https://a.example.com/x.png, a.example.com", "HTTP://A.example.com:8080/x, A.example.com",
			"ftp://a.example.com/x, ", "/x.png, ", "https:///x.png, ", "https://exa mple.com/x, ", "mailto:a@b.c, " })
	void only_absolute_http_urls_with_a_host_count(String url, String host) {
		assertThat(JobRequestValidator.httpHost(url)).isEqualTo(host);
	}

	@Test
	void notify_url_must_match_an_allowed_host() {
		assertThat(valid(JobRequests.text("a").notifyUrl("https://hooks.example.com/x").json()).notifyUrl())
			.isEqualTo("https://hooks.example.com/x");
		assertThat(fields(JobRequests.text("a").notifyUrl("https://example.com/x").json())).containsExactly("notify_url");
		assertThat(fields(JobRequests.text("a").notifyUrl("https://evilexample.com/x").json())).containsExactly("notify_url");
		assertThat(fields(JobRequests.text("a").notifyUrl("https://a.example.com/" + "x".repeat(2048)).json()))
			.containsExactly("notify_url");
	}

	@Test
	void each_broken_rule_is_named_by_the_json_path_the_client_sent() {
		String body = JobRequests.text("see @image3").image("ftp://x.example.com/a.png").itemValue("just text")
			.item(item -> item.put("type", "video"))
			.model("seedance-1.0").duration(7).ratio("2:1").notifyUrl("/relative")
			.metadata("myKey", "v".repeat(1025)).metadata("k".repeat(65), "v")
			.set("callback_url", "https://x.example.com").set("notifyURL", "https://x.example.com").json();

		assertThat(fields(body)).containsExactlyInAnyOrder("content[0].text", "content[1].image_url.url", "content[2]",
				"content[3].type", "model", "duration", "ratio", "notify_url", "metadata.myKey", "metadata",
				"callback_url", "notifyURL");
	}

	@Test
	void absent_content_and_a_null_metadata_value_are_named() {
		assertThat(fields("{\"metadata\": {\"k\": null}}")).containsExactlyInAnyOrder("content", "metadata.k");
	}

	@Test
	void every_value_of_the_wrong_json_type_is_named_at_once() {
		String body = JobRequests.text("a").set("duration", "5").set("ratio", List.of("16:9")).set("model", 2)
			.set("notify_url", true).set("metadata", Map.of("k", 1)).json();

		assertThatThrownBy(() -> read(body)).isInstanceOfSatisfying(MalformedJobRequest.class,
				ex -> assertThat(ex.errors()).extracting(FieldViolation::field)
					.containsExactlyInAnyOrder("duration", "ratio", "model", "notify_url", "metadata.k"));
		assertThatThrownBy(() -> read(JobRequests.text("a").set("content", Map.of("type", "text")).set("duration", 5.5)
			.set("metadata", List.of("a")).json())).isInstanceOfSatisfying(MalformedJobRequest.class,
				ex -> assertThat(ex.errors()).extracting(FieldViolation::field)
					.containsExactlyInAnyOrder("content", "duration", "metadata"));
	}

	@Test
	void a_body_that_is_not_one_utf8_json_object_without_duplicate_keys_is_not_readable() {
		byte[] latin1 = JobRequests.text("caf\u00e9").json().getBytes(StandardCharsets.ISO_8859_1);
		for (byte[] body : List.of(latin1, bytes("{\"content\":[{\"type\":\"text\",\"text\":\"a\",\"text\":\"b\"}]}"),
				bytes(""), bytes(" "), bytes("null"), bytes("[]"), bytes("\"a cat\""), bytes("{} {}"), bytes("{"))) {
			assertThatThrownBy(() -> converter.read(CreateJobRequest.class, new MockHttpInputMessage(body)))
				.as(new String(body, StandardCharsets.UTF_8))
				.isInstanceOf(HttpMessageNotReadableException.class);
		}
	}

	private CreateJobRequest read(String body) throws Exception {
		return converter.read(CreateJobRequest.class, new MockHttpInputMessage(bytes(body)));
	}

	private JobRequest valid(String body) {
		try {
			CreateJobRequest request = read(body);
			assertThat(validator.validate(request)).as(body).isEmpty();
			return request.toJobRequest(properties.defaultModel());
		}
		catch (Exception ex) {
			throw new AssertionError(ex);
		}
	}

	private List<String> fields(String body) {
		try {
			return validator.validate(read(body)).stream().map(violation -> violation.getPropertyPath().toString()).toList();
		}
		catch (Exception ex) {
			throw new AssertionError(ex);
		}
	}

	private static byte[] bytes(String text) {
		return text.getBytes(StandardCharsets.UTF_8);
	}

	/** Bean Validation as Spring sets it up, with the validator of job requests built from {@code properties}. */
	private static ValidatorFactory validation(JobsProperties properties) {
		var configuration = Validation.byDefaultProvider().configure();
		ConstraintValidatorFactory defaults = configuration.getDefaultConstraintValidatorFactory();
		return configuration.constraintValidatorFactory(new ConstraintValidatorFactory() {

			@Override
			@SuppressWarnings("unchecked")
			public <T extends ConstraintValidator<?, ?>> T getInstance(Class<T> type) {
				return type == JobRequestValidator.class ? (T) new JobRequestValidator(properties) : defaults.getInstance(type);
			}

			@Override
			public void releaseInstance(ConstraintValidator<?, ?> instance) {
			}

		}).buildValidatorFactory();
	}

}

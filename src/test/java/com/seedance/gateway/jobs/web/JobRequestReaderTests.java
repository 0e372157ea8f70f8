package com.seedance.gateway.jobs.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import com.seedance.gateway.jobs.JobRequest;
import com.seedance.gateway.jobs.JobsProperties;
import com.seedance.gateway.jobs.NotifyProperties;
import com.seedance.gateway.shared.FieldViolation;
import com.seedance.gateway.shared.ValidationFailed;
import com.seedance.gateway.support.JobRequests;

import tools.jackson.databind.json.JsonMapper;

class JobRequestReaderTests {

	JobRequestReader reader = new JobRequestReader(JsonMapper.builder().build(),
			new JobsProperties(List.of("seedance-2.0"), null, 20), new NotifyProperties(List.of("*.example.com")));

	@Test
	void the_content_text_is_cut_out_of_the_body_exactly() {
		String content = "[\n  {\"zz\":1, \"type\" : \"text\",\"text\":\"\\u00e9 \\\"[]\\\" \uD83D\uDE00 ]\"} , {\"type\":\"text\",\"text\":\"b\",\"n\":[[],{}]}\n]";
		String body = "\uFEFF {\"ratio\":\"1:1\", \"content\":" + content + "\t, \"metadata\": {\"content\": \"[x]\"}}";

		JobRequest request = read(body);

		assertThat(request.contentJson()).isEqualTo(content);
		assertThat(request.ratio()).isEqualTo("1:1");
		assertThat(request.metadata()).containsExactly(Map.entry("content", "[x]"));
	}

	@Test
	void defaults_fill_absent_and_null_optional_fields() {
		JobRequest request = read(JobRequests.text("a").set("duration", null).set("metadata", null).json());

		assertThat(request.model()).isEqualTo("seedance-2.0");
		assertThat(request.duration()).isEqualTo(5);
		assertThat(request.ratio()).isEqualTo("16:9");
		assertThat(request.metadata()).isEmpty();
		assertThat(request.notifyUrl()).isNull();
	}

	@Test
	void text_length_counts_characters_not_utf16_units() {
		assertThat(read(JobRequests.text("\uD83D\uDE00".repeat(20)).json()).contentJson()).isNotEmpty();
		assertThat(violations(JobRequests.text("x".repeat(21)).json())).extracting(FieldViolation::field)
			.containsExactly("content");
	}

	@ParameterizedTest
	@CsvSource({ "'@image1 and @image2', 2, ''", "'@image0', 2, '@image0'", "'@image3 @image1 @image3', 2, '@image3'",
			"'@image12345678901', 9, '@image12345678901'", "'mail@imagery.com @imageX', 0, ''" })
	void image_references_must_name_an_existing_image(String text, int images, String unknown) {
		assertThat(String.join(" ", JobRequestReader.unknownImageReferences(text, images))).isEqualTo(unknown);
	}

	@ParameterizedTest
	@CsvSource({ "https://a.example.com/x.png, a.example.com", "HTTP://A.example.com:8080/x, A.example.com",
			"ftp://a.example.com/x, ", "/x.png, ", "https:///x.png, ", "https://exa mple.com/x, ", "mailto:a@b.c, " })
	void only_absolute_http_urls_with_a_host_count(String url, String host) {
		assertThat(JobRequestReader.httpHost(url)).isEqualTo(host);
	}

	@Test
	void notify_url_must_match_an_allowed_host() {
		assertThat(read(JobRequests.text("a").notifyUrl("https://hooks.example.com/x").json()).notifyUrl())
			.isEqualTo("https://hooks.example.com/x");
		assertThat(violations(JobRequests.text("a").notifyUrl("https://example.com/x").json()))
			.extracting(FieldViolation::field).containsExactly("notify_url");
		assertThat(violations(JobRequests.text("a").notifyUrl("https://evilexample.com/x").json()))
			.extracting(FieldViolation::field).containsExactly("notify_url");
	}

	@Test
	void a_body_that_is_not_utf8_or_has_duplicate_keys_is_malformed() {
		byte[] latin1 = JobRequests.text("caf\u00e9").json().getBytes(StandardCharsets.ISO_8859_1);
		assertThatThrownBy(() -> reader.read(latin1)).isInstanceOf(MalformedJobRequest.class);
		assertThatThrownBy(() -> read("{\"content\":[{\"type\":\"text\",\"text\":\"a\",\"text\":\"b\"}]}"))
			.isInstanceOf(MalformedJobRequest.class);
		assertThatThrownBy(() -> reader.read(null)).isInstanceOf(MalformedJobRequest.class);
	}

	private JobRequest read(String body) {
		return reader.read(body.getBytes(StandardCharsets.UTF_8));
	}

	private List<FieldViolation> violations(String body) {
		try {
			read(body);
		}
		catch (ValidationFailed ex) {
			return ex.errors();
		}
		throw new AssertionError("expected a validation failure for " + body);
	}

}

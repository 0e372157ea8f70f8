package com.seedance.gateway.support;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;

import com.github.tomakehurst.wiremock.client.MappingBuilder;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;

/** WireMock stubs in the upstream's wire format. */
public final class Upstream {

	public static final String CREATE_PATH = "/api/video/seedance/gen";

	public static final String QUERY_PATH = "/api/task/query";

	private Upstream() {
	}

	public static MappingBuilder create() {
		return post(urlPathEqualTo(CREATE_PATH));
	}

	/** A query of any task (a templated answer can echo {@code {{request.query.task_id}}}). */
	public static MappingBuilder anyQuery() {
		return get(urlPathEqualTo(QUERY_PATH));
	}

	public static MappingBuilder query(String taskId) {
		return get(urlPathEqualTo(QUERY_PATH)).withQueryParam("task_id", equalTo(taskId));
	}

	public static ResponseDefinitionBuilder accepted(String taskId) {
		return okJson("{\"code\":0,\"message\":\"ok\",\"data\":{\"task_id\":\"" + taskId + "\"}}");
	}

	public static ResponseDefinitionBuilder error(int status, String message) {
		return aResponse().withStatus(status)
			.withHeader("Content-Type", "application/json")
			.withBody("{\"code\":1,\"message\":\"" + message + "\"}");
	}

	public static ResponseDefinitionBuilder task(String taskId, String status) {
		return okJson("""
				{"code":0,"message":"ok","data":{"task_id":"%s","status":"%s","result":null,"consumed":null,
				 "status_reason":{"message":null},"created_at":"2025-08-03T10:22:20.010Z"}}""".formatted(taskId, status));
	}

	public static ResponseDefinitionBuilder succeeded(String taskId, String videoUrl, String consumed) {
		return okJson("""
				{"code":0,"message":"ok","data":{"task_id":"%s","status":"success","result":{"video":"%s"},
				 "consumed":"%s","status_reason":{"message":null},"created_at":"2025-08-03T10:22:20.010Z"}}"""
			.formatted(taskId, videoUrl, consumed));
	}

	public static ResponseDefinitionBuilder failed(String taskId, String status, String reason) {
		return okJson("""
				{"code":0,"message":"ok","data":{"task_id":"%s","status":"%s","result":null,"consumed":"0",
				 "status_reason":{"message":"%s"},"created_at":"2025-08-03T10:22:20.010Z"}}"""
			.formatted(taskId, status, reason));
	}

}

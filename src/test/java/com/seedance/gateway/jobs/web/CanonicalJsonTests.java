package com.seedance.gateway.jobs.web;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class CanonicalJsonTests {

	@Test
	void members_are_sorted_at_every_level_and_whitespace_goes() {
		assertThat(CanonicalJson.of(" {\n \"b\" : [ {\"d\":1,\t\"c\":2} ], \"a\": null, \"A\": true } "))
			.isEqualTo("{\"A\":true,\"a\":null,\"b\":[{\"c\":2,\"d\":1}]}");
	}

	@ParameterizedTest
	@CsvSource(delimiter = '|', value = { "1.50|1.5", "15e-1|1.5", "0.15E1|1.5", "100|1E+2", "1e2|1E+2",
			"100.00|1E+2", "-0|0", "0.000|0", "-2.50|-2.5", "1e99999999999|1e99999999999" })
	void numbers_are_written_by_their_value(String written, String canonical) {
		assertThat(CanonicalJson.of("[" + written + "]")).isEqualTo("[" + canonical + "]");
	}

	@Test
	void strings_are_escaped_one_way_only() {
		assertThat(CanonicalJson.of("[\"caf\u00e9 \\\"q\\\" \\\\ \\/ \\n\", \"caf\\u00e9\"]"))
			.isEqualTo("[\"caf\\u00e9 \\\"q\\\" \\\\ / \\u000a\",\"caf\\u00e9\"]");
	}

	@ParameterizedTest
	@CsvSource(delimiter = '|', value = { "{\"a\":1}|{\"a\":\"1\"}", "{\"a\":true}|{\"a\":\"true\"}",
			"{\"a\":null}|{}", "[1,2]|[2,1]", "{\"a\":{\"b\":1}}|{\"a\":[{\"b\":1}]}", "{\"a\":1.5}|{\"a\":1.05}",
			"{\"a\":\"x\"}|{\"a \":\"x\"}" })
	void bodies_that_differ_as_json_have_different_hashes(String one, String other) {
		assertThat(CanonicalJson.sha256(one)).isNotEqualTo(CanonicalJson.sha256(other)).hasSize(64);
	}

	@Test
	void equal_bodies_have_one_hash() {
		assertThat(CanonicalJson.sha256("{\"b\": 1.0, \"a\": [\"x\"]}"))
			.isEqualTo(CanonicalJson.sha256("{\"a\":[\"x\"],\"b\":1}"));
	}

}

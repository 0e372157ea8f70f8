package com.seedance.gateway.teams.web;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

class TeamPatchTests {

	static final JsonMapper JSON = JsonMapper.builder().build();

	/** The examples of RFC 7396, appendix A. */
	@ParameterizedTest(name = "{0} + {1} = {2}")
	@CsvSource(delimiter = '|', textBlock = """
			{"a":"b"}                | {"a":"c"}             | {"a":"c"}
			{"a":"b"}                | {"b":"c"}             | {"a":"b","b":"c"}
			{"a":"b"}                | {"a":null}            | {}
			{"a":"b","b":"c"}        | {"a":null}            | {"b":"c"}
			{"a":["b"]}              | {"a":"c"}             | {"a":"c"}
			{"a":"c"}                | {"a":["b"]}           | {"a":["b"]}
			{"a":{"b":"c"}}          | {"a":{"b":"d","c":null}} | {"a":{"b":"d"}}
			{"a":[{"b":"c"}]}        | {"a":[1]}             | {"a":[1]}
			["a","b"]                | ["c","d"]             | ["c","d"]
			{"a":"b"}                | ["c"]                 | ["c"]
			{"a":"foo"}              | null                  | null
			{"a":"foo"}              | "bar"                 | "bar"
			{"e":null}               | {"a":1}               | {"e":null,"a":1}
			[1,2]                    | {"a":"b","c":null}    | {"a":"b"}
			{}                       | {"a":{"bb":{"ccc":null}}} | {"a":{"bb":{}}}
			""")
	void merging_follows_rfc_7396(String target, String patch, String result) {
		assertThat(TeamPatch.merge(json(target), json(patch))).isEqualTo(json(result));
	}

	private static JsonNode json(String text) {
		return JSON.readTree(text);
	}

}

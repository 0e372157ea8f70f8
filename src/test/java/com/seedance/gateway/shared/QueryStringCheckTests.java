package com.seedance.gateway.shared;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class QueryStringCheckTests {

	@ParameterizedTest
	@ValueSource(strings = { "", "a", "a=1&b=2", "a=1&&&b", "=", "q=a+b", "q=%20", "q=%C3%A9", "q=%c3%a9",
			"q=%e2%82%ac", "q=%f0%9f%98%80", "%41=%42", "cursor=abc-_.~", "q=%00", "q=%2F%5C%25" })
	void percent_encoded_utf8_is_well_formed(String query) {
		assertThat(QueryStringCheck.isWellFormed(query)).isTrue();
	}

	@ParameterizedTest
	@ValueSource(strings = { "%ff", "q=%ff", "q=%zz", "q=%", "q=%4", "q=%%", "q=%e2%82", "q=%e2%82&r=%ac", "q=%c3%28",
			"q=%ed%a0%80", "q=%c0%af", "q=%fe", "q=%f8%88%80%80%80", "q=%g1", "q=%\uff10\uff10", "q=\u00e9", "q=\u00ff" })
	void bad_escapes_and_bytes_that_are_not_utf8_are_malformed(String query) {
		assertThat(QueryStringCheck.isWellFormed(query)).isFalse();
	}

	@org.junit.jupiter.api.Test
	void no_query_string_is_well_formed() {
		assertThat(QueryStringCheck.isWellFormed(null)).isTrue();
	}

}

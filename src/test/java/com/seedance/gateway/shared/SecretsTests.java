package com.seedance.gateway.shared;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HexFormat;

import org.junit.jupiter.api.Test;

class SecretsTests {

	@Test
	void a_random_secret_is_256_bits_in_base64url_without_padding_and_new_each_time() {
		String first = Secrets.random256Bits();
		String second = Secrets.random256Bits();

		assertThat(first).matches("[A-Za-z0-9_-]{43}");
		assertThat(second).matches("[A-Za-z0-9_-]{43}").isNotEqualTo(first);
	}

	/** The hash of keys and tokens already in databases: it must never change. */
	@Test
	void the_hash_is_the_sha256_of_the_utf8_bytes() {
		assertThat(HexFormat.of().formatHex(Secrets.sha256("abc")))
			.isEqualTo("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
		assertThat(HexFormat.of().formatHex(Secrets.sha256("\u00e9")))
			.isEqualTo("4a99557e4033c3539de2eb65472017cad5f9557f7a0625a09f1c3f6e2ba69c4c");
	}

	@Test
	void a_presented_secret_matches_only_its_own_hash() {
		byte[] hash = Secrets.sha256("sgw_right");

		assertThat(Secrets.matches("sgw_right", hash)).isTrue();
		assertThat(Secrets.matches("sgw_wrong", hash)).isFalse();
		assertThat(Secrets.matches("sgw_right", new byte[0])).isFalse();
	}

}

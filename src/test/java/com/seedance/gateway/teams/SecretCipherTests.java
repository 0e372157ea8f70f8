package com.seedance.gateway.teams;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Configuration;

class SecretCipherTests {

	static final String KEY = Base64.getEncoder().encodeToString(new byte[] { 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12,
			13, 14, 15, 16, 17, 18, 19, 20, 21, 22, 23, 24, 25, 26, 27, 28, 29, 30, 31, 32 });

	static final String OTHER_KEY = Base64.getEncoder().encodeToString(new byte[32]);

	static final String SECRET = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";

	@Test
	void a_sealed_secret_is_nonce_and_ciphertext_and_opens_again_for_its_owner_only() {
		SecretCipher cipher = new SecretCipher(new SecretsProperties(KEY));

		SecretCipher.Sealed sealed = cipher.seal(SECRET, "marketing");

		assertThat(sealed.encrypted()).isTrue();
		assertThat(sealed.bytes()).hasSize(12 + SECRET.length() + 16);
		assertThat(new String(sealed.bytes(), StandardCharsets.ISO_8859_1)).doesNotContain("MfKQ9r8G");
		assertThat(cipher.open(sealed.bytes(), true, "marketing")).isEqualTo(SECRET);
		assertThatExceptionOfType(SecretUnreadable.class).isThrownBy(() -> cipher.open(sealed.bytes(), true, "sales"));
		assertThatExceptionOfType(SecretUnreadable.class)
			.isThrownBy(() -> new SecretCipher(new SecretsProperties(OTHER_KEY)).open(sealed.bytes(), true, "marketing"));
		assertThatExceptionOfType(SecretUnreadable.class)
			.isThrownBy(() -> new SecretCipher(new SecretsProperties(null)).open(sealed.bytes(), true, "marketing"));
	}

	@Test
	void each_value_gets_its_own_nonce() {
		SecretCipher cipher = new SecretCipher(new SecretsProperties(KEY));

		assertThat(cipher.seal(SECRET, "marketing").bytes()).isNotEqualTo(cipher.seal(SECRET, "marketing").bytes());
	}

	@Test
	void without_a_key_secrets_are_kept_as_they_are_and_marked_so() {
		SecretCipher cipher = new SecretCipher(new SecretsProperties(null));

		SecretCipher.Sealed sealed = cipher.seal(SECRET, "marketing");

		assertThat(cipher.encrypts()).isFalse();
		assertThat(sealed.encrypted()).isFalse();
		assertThat(new String(sealed.bytes(), StandardCharsets.UTF_8)).isEqualTo(SECRET);
		assertThat(cipher.open(sealed.bytes(), false, "marketing")).isEqualTo(SECRET);
	}

	@Test
	void a_key_that_is_not_base64_of_32_bytes_is_refused_naming_the_variable() {
		assertThatIllegalArgumentException().isThrownBy(() -> new SecretsProperties("not base64!"))
			.withMessageContaining("GATEWAY_SECRETS_KEY");
		assertThatIllegalArgumentException()
			.isThrownBy(() -> new SecretsProperties(Base64.getEncoder().encodeToString(new byte[16])))
			.withMessageContaining("GATEWAY_SECRETS_KEY")
			.withMessageContaining("decodes to 16 bytes");
	}

	@Test
	void the_application_does_not_start_with_a_wrong_key() {
		new ApplicationContextRunner().withUserConfiguration(SecretsOnly.class)
			.withPropertyValues("gateway.secrets-key=" + Base64.getEncoder().encodeToString(new byte[31]))
			.run(context -> assertThat(context).hasFailed()
				.getFailure()
				.rootCause()
				.hasMessageContaining("GATEWAY_SECRETS_KEY must be the base64 of 32 random bytes"));
	}

	@Test
	void the_properties_never_show_the_key() {
		assertThat(new SecretsProperties(KEY).toString()).doesNotContain(KEY).contains("(set)");
	}

	@Configuration(proxyBeanMethods = false)
	@EnableConfigurationProperties(SecretsProperties.class)
	static class SecretsOnly {
	}

}

package com.seedance.gateway.notify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.util.Base64;
import java.util.List;

import org.junit.jupiter.api.Test;

class WebhookSignerTests {

	/** The Standard Webhooks specification's test vector. */
	static final String SPEC_SECRET = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";

	static final String SPEC_ID = "msg_p5jXN8AQM9LWM0D4loKWxJek";

	static final long SPEC_TIMESTAMP = 1614265330L;

	static final String SPEC_BODY = "{\"test\": 2432232314}";

	static final String SPEC_SIGNATURE = "v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=";

	static final String OTHER_SECRET = "whsec_" + Base64.getEncoder().encodeToString(new byte[32]);

	@Test
	void the_specifications_test_vector_gives_its_signature() {
		assertThat(WebhookSigner.signature(SPEC_SECRET, SPEC_ID, SPEC_TIMESTAMP, SPEC_BODY)).isEqualTo(SPEC_SIGNATURE);
		assertThat(WebhookSigner.signatures(List.of(SPEC_SECRET), SPEC_ID, SPEC_TIMESTAMP, SPEC_BODY))
			.isEqualTo(SPEC_SIGNATURE);
	}

	@Test
	void the_independent_verifier_agrees_on_the_test_vector() {
		assertThat(StandardWebhooksVerifier.verifies(SPEC_SECRET, SPEC_ID, "1614265330", SPEC_BODY, SPEC_SIGNATURE))
			.isTrue();
	}

	@Test
	void a_signature_verifies_only_for_its_secret_id_timestamp_and_exact_body() {
		String signature = WebhookSigner.signature(SPEC_SECRET, "msg_1", 1700000000L, "{\"a\":1}");

		assertThat(StandardWebhooksVerifier.verifies(SPEC_SECRET, "msg_1", "1700000000", "{\"a\":1}", signature)).isTrue();
		assertThat(StandardWebhooksVerifier.verifies(OTHER_SECRET, "msg_1", "1700000000", "{\"a\":1}", signature)).isFalse();
		assertThat(StandardWebhooksVerifier.verifies(SPEC_SECRET, "msg_2", "1700000000", "{\"a\":1}", signature)).isFalse();
		assertThat(StandardWebhooksVerifier.verifies(SPEC_SECRET, "msg_1", "1700000001", "{\"a\":1}", signature)).isFalse();
		assertThat(StandardWebhooksVerifier.verifies(SPEC_SECRET, "msg_1", "1700000000", "{\"a\": 1}", signature)).isFalse();
	}

	@Test
	void several_secrets_give_one_signature_each_space_separated_newest_first() {
		String header = WebhookSigner.signatures(List.of(OTHER_SECRET, SPEC_SECRET), SPEC_ID, SPEC_TIMESTAMP, SPEC_BODY);

		assertThat(header.split(" ")).hasSize(2).endsWith(SPEC_SIGNATURE).allMatch(entry -> entry.startsWith("v1,"));
		assertThat(StandardWebhooksVerifier.verifies(OTHER_SECRET, SPEC_ID, "1614265330", SPEC_BODY, header)).isTrue();
		assertThat(StandardWebhooksVerifier.verifies(SPEC_SECRET, SPEC_ID, "1614265330", SPEC_BODY, header)).isTrue();
	}

	@Test
	void a_message_without_a_secret_cannot_be_signed() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> WebhookSigner.signatures(List.of(), SPEC_ID, SPEC_TIMESTAMP, SPEC_BODY));
	}

}

package com.seedance.gateway.teams;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatNoException;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import com.seedance.gateway.support.MutableClock;

class RateLimitsTests {

	final MutableClock clock = new MutableClock(Instant.parse("2026-11-29T10:00:00Z"));

	final UUID key = UUID.randomUUID();

	@Test
	void a_quiet_key_may_send_its_burst_at_once_and_then_its_rate() {
		RateLimits limits = new RateLimits(new RateLimitProperties(2, 4), clock);

		for (int i = 0; i < 4; i++) {
			limits.admit(key);
		}
		assertThat(refusal(limits).retryAfterSeconds()).isEqualTo(1);

		clock.advance(Duration.ofMillis(500));
		limits.admit(key);
		assertThat(refusal(limits)).isNotNull();
	}

	@Test
	void retry_after_is_the_wait_for_the_next_request_rounded_up_to_whole_seconds() {
		RateLimits limits = new RateLimits(new RateLimitProperties(0.2, 1), clock);
		limits.admit(key);

		assertThat(refusal(limits).retryAfterSeconds()).isEqualTo(5);
		clock.advance(Duration.ofMillis(3500));
		assertThat(refusal(limits).retryAfterSeconds()).isEqualTo(2);
		clock.advance(Duration.ofMillis(1500));
		assertThatNoException().isThrownBy(() -> limits.admit(key));
	}

	@Test
	void keys_have_buckets_of_their_own() {
		RateLimits limits = new RateLimits(new RateLimitProperties(1, 1), clock);
		limits.admit(key);

		assertThatNoException().isThrownBy(() -> limits.admit(UUID.randomUUID()));
		assertThat(refusal(limits)).isNotNull();
	}

	@Test
	void a_quiet_key_saves_up_no_more_than_its_burst() {
		RateLimits limits = new RateLimits(new RateLimitProperties(1, 3), clock);
		limits.admit(key);
		clock.advance(Duration.ofHours(1));

		for (int i = 0; i < 3; i++) {
			limits.admit(key);
		}
		assertThat(refusal(limits)).isNotNull();
	}

	@Test
	void a_clock_set_back_does_not_lock_a_key_out() {
		RateLimits limits = new RateLimits(new RateLimitProperties(1, 2), clock);
		limits.admit(key);
		limits.admit(key);
		clock.advance(Duration.ofMinutes(-10));

		assertThatNoException().isThrownBy(() -> limits.admit(key));
	}

	@Test
	void zero_requests_a_second_turns_the_limit_off() {
		RateLimits limits = new RateLimits(new RateLimitProperties(0, 1), clock);

		assertThatNoException().isThrownBy(() -> {
			for (int i = 0; i < 10_000; i++) {
				limits.admit(key);
			}
		});
	}

	@Test
	void a_negative_rate_or_an_empty_burst_is_refused_at_startup() {
		assertThatThrownBy(() -> new RateLimitProperties(-1, 10)).hasMessageContaining("requests-per-second");
		assertThatThrownBy(() -> new RateLimitProperties(Double.NaN, 10)).hasMessageContaining("requests-per-second");
		assertThatThrownBy(() -> new RateLimitProperties(10, 0)).hasMessageContaining("burst");
	}

	private RateLimited refusal(RateLimits limits) {
		try {
			limits.admit(key);
		}
		catch (RateLimited refused) {
			return refused;
		}
		throw new AssertionError("the request was admitted");
	}

}

package com.seedance.gateway.shared;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class WorkInHandTests {

	final WorkInHand<String> inHand = new WorkInHand<>();

	final ExecutorService threads = Executors.newFixedThreadPool(4);

	@AfterEach
	void stopThreads() {
		threads.shutdownNow();
	}

	@Test
	void close_takes_back_the_claims_not_started_and_leaves_the_started_ones_to_their_work() {
		assertThat(inHand.hold(List.of("a", "b", "c"))).isEmpty();
		assertThat(inHand.start("a")).isTrue();

		assertThat(inHand.close()).containsExactlyInAnyOrder("b", "c");
		assertThat(inHand.start("b")).as("taken back: never started").isFalse();
		assertThat(inHand.busy()).isEqualTo(1);
	}

	@Test
	void a_tick_claims_batches_while_they_come_back_full_and_works_each_claim_once() {
		List<String> backlog = new ArrayList<>(IntStream.range(0, 7).mapToObj(i -> "c" + i).toList());
		List<Integer> asked = new ArrayList<>();
		List<String> worked = new CopyOnWriteArrayList<>();

		inHand.tick(3, batch -> {
			asked.add(batch);
			List<String> claimed = new ArrayList<>(backlog.subList(0, Math.min(batch, backlog.size())));
			backlog.removeAll(claimed);
			return claimed;
		}, threads, worked::add, claims -> { throw new AssertionError("nothing to give back: " + claims); });

		assertThat(asked).as("three batches asked for: 3, 3, then 1 came back, which ends the tick").containsExactly(3, 3, 3);
		assertThat(worked).containsExactlyInAnyOrder("c0", "c1", "c2", "c3", "c4", "c5", "c6");
		assertThat(inHand.busy()).isZero();
	}

	@Test
	void a_tick_stops_after_the_most_batches_one_tick_may_take() {
		List<String> worked = new CopyOnWriteArrayList<>();
		int[] claims = { 0 };

		inHand.tick(1, batch -> List.of("c" + claims[0]++), threads, worked::add, givenBack -> { });

		assertThat(worked).hasSize(WorkInHand.MAX_BATCHES_PER_TICK);
	}

	@Test
	void claims_taken_by_a_tick_after_close_are_given_back_unworked() {
		List<String> worked = new CopyOnWriteArrayList<>();
		List<String> givenBack = new CopyOnWriteArrayList<>();

		inHand.tick(2, batch -> {
			inHand.close(); // a shutdown between the claim's statement and holding its rows
			return List.of("a", "b");
		}, threads, worked::add, givenBack::addAll);

		assertThat(givenBack).containsExactly("a", "b");
		assertThat(worked).isEmpty();
		assertThat(inHand.busy()).isZero();
	}

	@Test
	void start_later_runs_the_work_of_a_held_claim_and_none_of_a_claim_taken_back() {
		List<String> worked = new CopyOnWriteArrayList<>();
		List<String> givenBack = new CopyOnWriteArrayList<>();
		CountDownLatch release = new CountDownLatch(1);
		ExecutorService oneThread = Executors.newSingleThreadExecutor();
		try {
			oneThread.submit(() -> {
				release.await();
				return null;
			}); // its one thread is busy until both claims are queued
			inHand.hold(List.of("a", "b"));
			CompletableFuture<Void> a = inHand.startLater("a", oneThread, worked::add, givenBack::addAll);
			CompletableFuture<Void> b = inHand.startLater("b", oneThread, worked::add, givenBack::addAll);
			assertThat(inHand.close()).containsExactlyInAnyOrder("a", "b");
			release.countDown();
			CompletableFuture.allOf(a, b).join();

			assertThat(worked).as("both taken back before a thread took them up").isEmpty();
			assertThat(givenBack).as("the caller hands back what close() returned").isEmpty();
		}
		finally {
			oneThread.shutdownNow();
		}
	}

	@Test
	void start_later_gives_a_claim_the_executor_refuses_back_at_once() {
		List<String> worked = new CopyOnWriteArrayList<>();
		List<String> givenBack = new CopyOnWriteArrayList<>();
		inHand.hold(List.of("a"));

		inHand.startLater("a", task -> {
			throw new RejectedExecutionException("shutting down");
		}, worked::add, givenBack::addAll).join();

		assertThat(worked).isEmpty();
		assertThat(givenBack).containsExactly("a");
		assertThat(inHand.busy()).isZero();
		assertThat(inHand.start("a")).as("given back, no longer held").isFalse();
	}

	@Test
	void start_later_runs_the_work_of_a_claim_still_held() {
		List<String> worked = new CopyOnWriteArrayList<>();
		inHand.hold(List.of("a"));

		inHand.startLater("a", threads, worked::add, claims -> {
		}).join();

		assertThat(worked).containsExactly("a");
		assertThat(inHand.busy()).isZero();
	}

	@Test
	void once_closed_no_tick_begins_and_new_claims_are_refused_for_handing_back() {
		inHand.close();

		assertThat(inHand.beginTick()).isFalse();
		assertThat(inHand.hold(List.of("d"))).containsExactly("d");
		assertThat(inHand.start("d")).isFalse();
		inHand.open();
		assertThat(inHand.beginTick()).isTrue();
	}

	@Test
	void await_idle_waits_for_the_tick_and_the_work_under_way() throws Exception {
		assertThat(inHand.beginTick()).isTrue();
		inHand.hold(List.of("a"));
		assertThat(inHand.start("a")).isTrue();
		inHand.close();
		CountDownLatch callAnswered = new CountDownLatch(1);
		Future<?> work = threads.submit(() -> {
			callAnswered.await();
			inHand.finish();
			inHand.endTick();
			return null;
		});

		assertThat(inHand.awaitIdle(Duration.ofMillis(50))).as("the call is still under way").isFalse();
		callAnswered.countDown();
		assertThat(inHand.awaitIdle(Duration.ofSeconds(30))).isTrue();
		work.get(30, TimeUnit.SECONDS);
	}

	@Test
	void racing_starts_and_close_give_every_claim_to_exactly_one_of_them() throws Exception {
		List<String> claims = IntStream.range(0, 2000).mapToObj(i -> "claim-" + i).toList();
		inHand.hold(claims);
		Set<String> started = ConcurrentHashMap.newKeySet();
		CountDownLatch go = new CountDownLatch(1);
		List<Future<?>> starters = new ArrayList<>();
		for (int t = 0; t < 3; t++) {
			int offset = t;
			starters.add(threads.submit(() -> {
				go.await();
				for (int i = offset; i < claims.size(); i += 3) {
					if (inHand.start(claims.get(i))) {
						started.add(claims.get(i));
						inHand.finish();
					}
				}
				return null;
			}));
		}
		go.countDown();
		await().until(() -> !started.isEmpty()); // close while the starters are at it
		List<String> takenBack = inHand.close();
		for (Future<?> starter : starters) {
			starter.get(30, TimeUnit.SECONDS);
		}

		Set<String> both = new HashSet<>(takenBack);
		both.retainAll(started);
		assertThat(both).as("started and taken back").isEmpty();
		assertThat(takenBack).doesNotHaveDuplicates();
		assertThat(takenBack.size() + started.size()).isEqualTo(claims.size());
		assertThat(inHand.awaitIdle(Duration.ofSeconds(1))).isTrue();
	}

}

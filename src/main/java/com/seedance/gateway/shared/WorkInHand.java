package com.seedance.gateway.shared;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.IntFunction;

/**
 * What one scheduled worker has in hand, so that it can stop cleanly: its ticks under way and the claims it took
 * from the database. A claim's work either starts ({@link #start}) or is taken back by {@link #close} to be handed
 * back, never both. Once closed, no tick begins and no claim is held ({@link #hold} refuses them), and
 * {@link #awaitIdle} waits for the ticks and the work already under way.
 *
 * @param <C> a claim, equal to itself only (records of a row and its fence are)
 */
public final class WorkInHand<C> {

	/** Batches one {@link #tick} claims at most: a backlog is worked off over several ticks, not one endless one. */
	static final int MAX_BATCHES_PER_TICK = 10;

	private final Set<C> notStarted = new HashSet<>();

	/** Ticks under way, and claims whose work has started and not finished. */
	private int busy;

	private boolean closed;

	/**
	 * One tick of a worker that claims its work in batches: claims up to {@code batch} with {@code claim}, holds
	 * them, runs {@code work} for each on {@code executor} ({@link #startLater}) and waits for them all, then claims
	 * again while a batch came back full, {@link #MAX_BATCHES_PER_TICK} times at most. Claims taken after a
	 * {@link #close} go to {@code giveBack} at once. Does nothing once closed.
	 */
	public void tick(int batch, IntFunction<List<C>> claim, Executor executor, Consumer<C> work,
			Consumer<List<C>> giveBack) {
		if (!beginTick()) {
			return;
		}
		try {
			for (int i = 0; i < MAX_BATCHES_PER_TICK; i++) {
				List<C> claims = claim.apply(batch);
				List<C> refused = hold(claims);
				if (!refused.isEmpty()) {
					giveBack.accept(refused);
					return;
				}
				CompletableFuture.allOf(claims.stream()
					.map(held -> startLater(held, executor, work, giveBack))
					.toArray(CompletableFuture[]::new)).join();
				if (claims.size() < batch) {
					return;
				}
			}
		}
		finally {
			endTick();
		}
	}

	/** A tick begins; {@code false}: the worker is closed and the tick must do nothing. */
	public synchronized boolean beginTick() {
		if (closed) {
			return false;
		}
		busy++;
		return true;
	}

	/** The tick that {@link #beginTick} let begin has ended. */
	public synchronized void endTick() {
		done();
	}

	/**
	 * Holds claims a tick has just taken. Returns the claims it refused, because the worker was closed meanwhile: the
	 * caller hands those back at once.
	 */
	public synchronized List<C> hold(List<C> claims) {
		if (closed) {
			return claims;
		}
		notStarted.addAll(claims);
		return List.of();
	}

	/**
	 * Whether the work of {@code claim} may start now; then the caller calls {@link #finish} when it has ended.
	 * {@code false}: {@link #close} took the claim back (or it was never held), and the caller leaves it alone.
	 */
	public synchronized boolean start(C claim) {
		if (!notStarted.remove(claim)) {
			return false;
		}
		busy++;
		return true;
	}

	/** The work that {@link #start} let begin has ended, its result stored. */
	public synchronized void finish() {
		done();
	}

	/**
	 * Runs {@code work} for a held claim on {@code executor}, if the claim is still held when a thread takes it up
	 * (else {@link #close} took it back, and it is left alone). A claim the executor refuses (it is shutting down)
	 * goes to {@code giveBack} at once rather than waiting for its lease to run out.
	 */
	public CompletableFuture<Void> startLater(C claim, Executor executor, Consumer<C> work,
			Consumer<List<C>> giveBack) {
		try {
			return CompletableFuture.runAsync(() -> runIfHeld(claim, work), executor);
		}
		catch (RejectedExecutionException ex) {
			runIfHeld(claim, refused -> giveBack.accept(List.of(refused)));
			return CompletableFuture.completedFuture(null);
		}
	}

	private void runIfHeld(C claim, Consumer<C> work) {
		if (!start(claim)) {
			return;
		}
		try {
			work.accept(claim);
		}
		finally {
			finish();
		}
	}

	/** Stops taking work. Returns the claims whose work has not started: the caller hands them back. */
	public synchronized List<C> close() {
		closed = true;
		List<C> takenBack = new ArrayList<>(notStarted);
		notStarted.clear();
		return takenBack;
	}

	/** Takes work again after {@link #close} (a context restarted). */
	public synchronized void open() {
		closed = false;
	}

	public synchronized boolean isClosed() {
		return closed;
	}

	/** Waits until no tick and no started work is under way; {@code false} if {@code timeout} passed first. */
	public synchronized boolean awaitIdle(Duration timeout) throws InterruptedException {
		long deadline = System.nanoTime() + timeout.toNanos();
		while (busy > 0) {
			long left = deadline - System.nanoTime();
			if (left <= 0) {
				return false;
			}
			TimeUnit.NANOSECONDS.timedWait(this, left);
		}
		return true;
	}

	/** Ticks and started work under way (for logs and tests). */
	public synchronized int busy() {
		return busy;
	}

	private void done() {
		busy--;
		if (busy == 0) {
			notifyAll();
		}
	}

}

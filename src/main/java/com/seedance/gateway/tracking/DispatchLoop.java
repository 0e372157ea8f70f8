package com.seedance.gateway.tracking;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Semaphore;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.stereotype.Component;
import org.springframework.transaction.event.TransactionalEventListener;

import com.seedance.gateway.jobs.JobQueue;
import com.seedance.gateway.jobs.JobStatusChanged;
import com.seedance.gateway.shared.PostgresNotifications;

/**
 * Runs the dispatcher's rounds when there is work, on one thread of its own: woken by a job created on this instance
 * (after its commit), by {@link JobQueue#WORK_CHANNEL} (a slot freed, on any instance), by an upstream call of this
 * instance ending while every call was busy, and by the tick ({@link TrackingSchedule}, the safety net for a lost
 * notification and for jobs whose retry comes due). Once woken it runs rounds back to back while each claims all it asked for;
 * wake-ups that arrive meanwhile are coalesced into one more round. A round claims no more jobs than
 * {@code submit-concurrency} leaves calls free, and does not wait for its calls: they run on the executor while the
 * next round claims. {@link TrackingSchedule} starts it, and stops it first when the instance shuts down.
 */
@Component
@ConditionalOnProperty(name = "gateway.tracking.enabled", matchIfMissing = true)
class DispatchLoop {

	private static final Logger log = LoggerFactory.getLogger(DispatchLoop.class);

	private final Dispatcher dispatcher;

	private final int batch;

	/** Upstream create calls this instance may still start. */
	private final Semaphore freeCalls;

	/** At most one wake-up waits: more arriving while one waits are the same news. */
	private final BlockingQueue<Boolean> wakeUps = new ArrayBlockingQueue<>(1);

	/** Set while a round found no call free: the next call to end wakes the loop. */
	private volatile boolean waitingForCalls;

	private volatile boolean running;

	private volatile @Nullable Thread thread;

	DispatchLoop(Dispatcher dispatcher, TrackingProperties properties, PostgresNotifications notifications) {
		this.dispatcher = dispatcher;
		this.batch = properties.tracking().submitBatch();
		this.freeCalls = new Semaphore(properties.tracking().submitConcurrency());
		notifications.subscribe(JobQueue.WORK_CHANNEL, payload -> wakeUp());
		// notifications sent while the listening connection was down are lost: look once it listens again
		notifications.onListening(this::wakeUp);
	}

	/**
	 * A job created on this instance: it may go at once. Only this instance hears of it (no {@code pg_notify}, which
	 * would make every {@code POST /jobs} commit wait for every other), and it claims the job itself.
	 */
	@TransactionalEventListener
	void on(JobStatusChanged changed) {
		if (changed.isCreation()) {
			wakeUp();
		}
	}

	/** Asks for a round soon; returns at once. */
	void wakeUp() {
		wakeUps.offer(Boolean.TRUE);
	}

	private void loop() {
		while (running) {
			try {
				wakeUps.take();
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				return;
			}
			try {
				while (running && round()) {
					// the round claimed all it asked for: there may be more
				}
			}
			catch (RuntimeException ex) {
				// the database is unreachable, say: the next wake-up or tick tries again
				log.warn("A dispatch round failed: {}", ex.toString());
			}
		}
	}

	/** One round; {@code true} when it claimed as many jobs as it asked for. */
	private boolean round() {
		waitingForCalls = true;
		int asked = acquireUpTo(batch);
		if (asked == 0) {
			return false;
		}
		waitingForCalls = false;
		List<CompletableFuture<Void>> calls;
		try {
			calls = dispatcher.round(asked);
		}
		catch (RuntimeException ex) {
			freeCalls.release(asked);
			throw ex;
		}
		freeCalls.release(asked - calls.size());
		calls.forEach(call -> call.whenComplete((done, failure) -> callEnded()));
		return calls.size() == asked;
	}

	private void callEnded() {
		freeCalls.release();
		if (waitingForCalls) {
			waitingForCalls = false;
			wakeUp();
		}
	}

	private int acquireUpTo(int wanted) {
		int acquired = 0;
		while (acquired < wanted && freeCalls.tryAcquire()) {
			acquired++;
		}
		return acquired;
	}

	void start() {
		running = true;
		Thread started = new Thread(this::loop, "dispatch-loop");
		started.setDaemon(true);
		thread = started;
		started.start();
		wakeUp();
	}

	/** No more rounds; a round under way finishes, so that its claims reach their calls or are handed back. */
	void stop() {
		running = false;
		wakeUp();
		Thread current = thread;
		if (current != null) {
			try {
				// a round under way finishes (its claims must reach their calls); calls already started run on
				current.join(Duration.ofSeconds(10).toMillis());
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
		}
	}

	boolean isRunning() {
		return running;
	}

}

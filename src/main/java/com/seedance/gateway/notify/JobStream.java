package com.seedance.gateway.notify;

import java.io.IOException;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.locks.ReentrantLock;

import org.jspecify.annotations.Nullable;
import org.springframework.http.MediaType;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

import com.seedance.gateway.jobs.JobResponse;

/**
 * One client's open stream of one job. It sends the job as a {@code status} event whenever it is offered a newer
 * version that looks different from the last one sent, and after a terminal status an {@code end} event, then
 * closes. Each {@code status} event's id is the job's version, which grows with every write of the job; the
 * {@code end} event has none, so a client's {@code Last-Event-ID} stays the version of the last job it got.
 * Offers and heartbeats may come from several threads at once; one lock keeps each stream's events in order.
 */
final class JobStream {

	static final String STATUS = "status";

	static final String END = "end";

	private final UUID jobId;

	private final SseEmitter emitter;

	private final ReentrantLock lock = new ReentrantLock();

	/** The version the client has: the last one sent, or the {@code Last-Event-ID} it came back with. */
	private long version;

	private @Nullable JobResponse sent;

	private volatile boolean closed;

	JobStream(UUID jobId, SseEmitter emitter) {
		this.jobId = jobId;
		this.emitter = emitter;
		this.version = -1;
	}

	UUID jobId() {
		return jobId;
	}

	SseEmitter emitter() {
		return emitter;
	}

	boolean isClosed() {
		return closed;
	}

	/** The client has this version already (its {@code Last-Event-ID}): it is not sent again. */
	void assumeKnown(long knownVersion) {
		lock.lock();
		try {
			version = Math.max(version, knownVersion);
		}
		finally {
			lock.unlock();
		}
	}

	/**
	 * The job as it is at {@code jobVersion}: sent unless the client has it already; after a terminal status the
	 * stream ends. Returns false once the stream is closed (ended, or the client went away).
	 */
	boolean offer(JobResponse job, long jobVersion, boolean terminal) {
		lock.lock();
		try {
			if (closed) {
				return false;
			}
			if (jobVersion > version) {
				if (!job.equals(sent)) {
					emitter.send(SseEmitter.event().name(STATUS).id(Long.toString(jobVersion)).data(job,
							MediaType.APPLICATION_JSON));
					sent = job;
				}
				version = jobVersion;
			}
			if (terminal) {
				emitter.send(SseEmitter.event().name(END).data(Map.of("id", job.id(), "status", job.status()),
						MediaType.APPLICATION_JSON));
				close();
				emitter.complete();
			}
			return !closed;
		}
		catch (IOException | IllegalStateException clientGone) {
			return fail(clientGone);
		}
		finally {
			lock.unlock();
		}
	}

	/** A comment line; returns false when the client is gone. */
	boolean heartbeat() {
		lock.lock();
		try {
			if (closed) {
				return false;
			}
			emitter.send(SseEmitter.event().comment("heartbeat"));
			return true;
		}
		catch (IOException | IllegalStateException clientGone) {
			return fail(clientGone);
		}
		finally {
			lock.unlock();
		}
	}

	/** Ends the stream without an {@code end} event (shutdown, timeout): the client reconnects. */
	void complete() {
		lock.lock();
		try {
			if (!closed) {
				close();
				emitter.complete();
			}
		}
		finally {
			lock.unlock();
		}
	}

	void close() {
		closed = true;
		sent = null;
	}

	private boolean fail(Exception clientGone) {
		close();
		try {
			emitter.completeWithError(clientGone);
		}
		catch (RuntimeException alreadyDone) {
			// the emitter was completed already: nothing left to release
		}
		return false;
	}

}

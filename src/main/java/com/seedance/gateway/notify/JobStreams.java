package com.seedance.gateway.notify;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.context.SmartLifecycle;
import org.springframework.context.event.EventListener;
import org.springframework.scheduling.TaskScheduler;
import org.springframework.stereotype.Component;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

import com.seedance.gateway.jobs.Job;
import com.seedance.gateway.jobs.JobNotFound;
import com.seedance.gateway.jobs.JobRepository;
import com.seedance.gateway.jobs.JobResponse;
import com.seedance.gateway.jobs.JobStatusChanged;
import com.seedance.gateway.shared.PostgresNotifications;

/**
 * The live status streams of this instance, whichever instance changes the job. Every status change sends
 * {@code pg_notify('job_status', jobId)} inside the transaction that makes it, so PostgreSQL delivers it to every
 * instance when (and only if) that transaction commits. Each instance's one listening connection hands the job id
 * here; if this instance has streams of that job, the job is read again and offered to them. Every
 * {@code recheck} interval all open streams' jobs are read again in a few queries, in case a notification was
 * lost (the listening connection was down). Every {@code heartbeat} interval each stream gets a comment line;
 * a stream whose client went away fails that write and is dropped.
 */
@Component
public class JobStreams implements SmartLifecycle {

	static final String CHANNEL = "job_status";

	private static final Logger log = LoggerFactory.getLogger(JobStreams.class);

	/** Jobs read again in one query by the safety net. */
	private static final int RECHECK_BATCH = 500;

	private final JobRepository jobs;

	private final PostgresNotifications notifications;

	private final JobStreamsProperties properties;

	private final TaskScheduler scheduler;

	private final Executor executor;

	private final Map<UUID, Set<JobStream>> streams = new ConcurrentHashMap<>();

	/** The streams in {@link #streams}, counted for the {@code max-open} limit. */
	private final AtomicInteger counted = new AtomicInteger();

	private final List<ScheduledFuture<?>> ticks = new ArrayList<>();

	private volatile boolean running;

	JobStreams(JobRepository jobs, PostgresNotifications notifications, JobStreamsProperties properties,
			TaskScheduler scheduler, @Qualifier("applicationTaskExecutor") Executor executor) {
		this.jobs = jobs;
		this.notifications = notifications;
		this.properties = properties;
		this.scheduler = scheduler;
		this.executor = executor;
		notifications.subscribe(CHANNEL, this::changed);
	}

	/**
	 * In the transaction of the change: PostgreSQL delivers the notification at commit, to every instance. Not for a
	 * job just created: no stream can follow a job before {@code POST /jobs} has answered with its id, and a stream
	 * opened later reads the job as it is then. (A NOTIFY costs a statement, and a lock on PostgreSQL's notification
	 * queue at every commit that sends one.) Whoever needs to hear of new jobs listens for
	 * {@link JobStatusChanged#isCreation()} itself.
	 */
	@EventListener
	void on(JobStatusChanged changed) {
		if (changed.isCreation()) {
			return;
		}
		notifications.notify(CHANNEL, changed.jobId().toString());
	}

	/**
	 * Opens a stream of the team's job, already holding the job as it is now (unless the client's
	 * {@code lastEventId} says it has this version) and, for a terminal job, the {@code end} event. Throws
	 * {@link JobNotFound} for another team's or an unknown job, before anything is sent, and {@link TooManyStreams}
	 * when this instance holds {@code max-open} streams.
	 */
	SseEmitter open(String teamId, UUID jobId, @Nullable String lastEventId) {
		return open(jobId, lastEventId, () -> jobs.findByIdAndTeamId(jobId, teamId));
	}

	/**
	 * A stream of any team's job, for operators (the console, behind its own sign-in): otherwise exactly the stream
	 * {@code GET /jobs/{id}/events} gives the job's team.
	 */
	public SseEmitter openForOperator(UUID jobId, @Nullable String lastEventId) {
		return open(jobId, lastEventId, () -> jobs.findById(jobId));
	}

	private SseEmitter open(UUID jobId, @Nullable String lastEventId, Supplier<Optional<Job>> lookup) {
		if (counted.incrementAndGet() > properties.maxOpen()) {
			counted.decrementAndGet();
			throw new TooManyStreams();
		}
		SseEmitter emitter = new SseEmitter(properties.timeout().toMillis());
		JobStream stream = new JobStream(jobId, emitter);
		// registered before the job is read: a change committed meanwhile is offered to it, never lost in between
		register(stream);
		Job job;
		try {
			job = lookup.get().orElseThrow(() -> new JobNotFound(jobId));
		}
		catch (RuntimeException ex) {
			stream.close();
			unregister(stream);
			throw ex;
		}
		emitter.onCompletion(() -> closed(stream));
		emitter.onTimeout(() -> {
			stream.complete();
			closed(stream);
		});
		emitter.onError(failure -> closed(stream));
		if (sameVersion(lastEventId, job.version())) {
			stream.assumeKnown(job.version());
		}
		if (!stream.offer(JobResponse.of(job), job.version(), job.status().isTerminal())) {
			unregister(stream);
		}
		else if (!running) {
			// opened after stop() ended the others: the job as it is now, then, like them, the stream ends without
			// `end` and the client reconnects, to an instance that stays; it never holds the web server's shutdown
			stream.complete();
			unregister(stream);
		}
		return emitter;
	}

	/** Open streams on this instance (tests check that none is left behind). */
	int openStreams() {
		return streams.values().stream().mapToInt(Set::size).sum();
	}

	/** A job changed somewhere: read it again for the streams of it here, off the listening thread. */
	private void changed(String payload) {
		UUID jobId;
		try {
			jobId = UUID.fromString(payload);
		}
		catch (IllegalArgumentException ex) {
			log.debug("Ignoring a {} notification that names no job: {}", CHANNEL, payload);
			return;
		}
		if (streams.containsKey(jobId)) {
			executor.execute(() -> refresh(jobId));
		}
	}

	private void refresh(UUID jobId) {
		try {
			jobs.findById(jobId).ifPresent(this::offer);
		}
		catch (RuntimeException ex) {
			// the database is away: the recheck picks the change up once it is back
			log.debug("Could not read job {} for its streams: {}", jobId, ex.getMessage());
		}
	}

	private void offer(Job job) {
		Set<JobStream> ofJob = streams.get(job.id());
		if (ofJob == null) {
			return;
		}
		JobResponse response = JobResponse.of(job);
		for (JobStream stream : ofJob) {
			if (!stream.offer(response, job.version(), job.status().isTerminal())) {
				unregister(stream);
			}
		}
	}

	/** The safety net: every open stream's job, read again in batches. */
	void recheck() {
		List<UUID> ids = new ArrayList<>(streams.keySet());
		for (int from = 0; from < ids.size(); from += RECHECK_BATCH) {
			List<UUID> batch = ids.subList(from, Math.min(ids.size(), from + RECHECK_BATCH));
			try {
				jobs.findAllById(batch).forEach(job -> executor.execute(() -> offer(job)));
			}
			catch (RuntimeException ex) {
				log.debug("Could not read the jobs of open streams again: {}", ex.getMessage());
				return;
			}
		}
	}

	void heartbeat() {
		streams.values().forEach(ofJob -> ofJob.forEach(stream -> executor.execute(() -> {
			if (!stream.heartbeat()) {
				unregister(stream);
			}
		})));
	}

	/** Adds a stream {@link #open} has counted already (in {@code counted}). */
	private void register(JobStream stream) {
		streams.computeIfAbsent(stream.jobId(), id -> ConcurrentHashMap.newKeySet()).add(stream);
	}

	private void closed(JobStream stream) {
		stream.close();
		unregister(stream);
	}

	private void unregister(JobStream stream) {
		streams.computeIfPresent(stream.jobId(), (id, ofJob) -> {
			if (ofJob.remove(stream)) {
				counted.decrementAndGet();
			}
			return ofJob.isEmpty() ? null : ofJob;
		});
	}

	/** A {@code Last-Event-ID} that is not exactly the job's current version (or no number at all) gets the job. */
	private static boolean sameVersion(@Nullable String lastEventId, long version) {
		return lastEventId != null && lastEventId.trim().equals(Long.toString(version));
	}

	@Override
	public void start() {
		running = true;
		ticks.add(scheduler.scheduleWithFixedDelay(this::heartbeat, properties.heartbeat()));
		ticks.add(scheduler.scheduleWithFixedDelay(this::recheck, properties.recheck()));
	}

	/**
	 * First at shutdown (the default phase, before {@link com.seedance.gateway.shared.ShutdownPhases#WORKERS} and the
	 * web server's graceful shutdown): open streams end, so their clients reconnect elsewhere and none holds the web
	 * server's shutdown; a stream opened later ends after its first event.
	 */
	@Override
	public void stop() {
		running = false;
		ticks.forEach(tick -> tick.cancel(false));
		ticks.clear();
		streams.values().forEach(ofJob -> ofJob.forEach(JobStream::complete));
		streams.clear();
		counted.set(0);
	}

	@Override
	public boolean isRunning() {
		return running;
	}

}

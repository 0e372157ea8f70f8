package com.seedance.gateway.shared;

import org.springframework.context.SmartLifecycle;

/**
 * The lifecycle of a scheduled worker: started with the context, stopped in {@link ShutdownPhases#WORKERS} on a
 * thread of its own, so that the workers of that phase stop side by side rather than one after the other.
 */
public abstract class ScheduledWorkers implements SmartLifecycle {

	private final String name;

	private volatile boolean running;

	protected ScheduledWorkers(String name) {
		this.name = name;
	}

	/** Lets the workers take work. */
	protected abstract void startWorkers();

	/** Stops the workers claiming, hands back what they have not started and waits for what they have. */
	protected abstract void stopWorkers();

	@Override
	public final void start() {
		startWorkers();
		this.running = true;
	}

	@Override
	public final void stop(Runnable callback) {
		Thread stopping = new Thread(() -> {
			try {
				stop();
			}
			finally {
				callback.run();
			}
		}, this.name + "-stop");
		stopping.start();
	}

	@Override
	public final void stop() {
		this.running = false;
		stopWorkers();
	}

	@Override
	public final boolean isRunning() {
		return this.running;
	}

	@Override
	public final int getPhase() {
		return ShutdownPhases.WORKERS;
	}

}

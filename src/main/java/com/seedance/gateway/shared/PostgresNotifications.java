package com.seedance.gateway.shared;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Consumer;

import org.jspecify.annotations.Nullable;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.jdbc.autoconfigure.JdbcConnectionDetails;
import org.springframework.context.SmartLifecycle;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * PostgreSQL {@code LISTEN/NOTIFY} for the whole instance, over ONE dedicated connection outside the pool.
 * {@link #notify} sends on the caller's connection, so inside a transaction PostgreSQL delivers it only when
 * that transaction commits (and never when it rolls back). {@link #subscribe} hands each payload on a channel to
 * the consumer, on this class's one listening thread: consumers must return quickly (hand slow work to an
 * executor). A dropped connection is reopened with a growing pause (up to {@code MAX_BACKOFF}) and every channel
 * listened to again; notifications sent while it was down are lost, so subscribers that must not miss a change
 * also look again from time to time, or forget what a lost notification would have changed ({@link #onListening}).
 */
@Component
public class PostgresNotifications implements SmartLifecycle {

	private static final Logger log = LoggerFactory.getLogger(PostgresNotifications.class);

	/** How long one wait for notifications blocks; also how soon a new channel is listened to. */
	private static final int WAIT_MILLIS = 500;

	/** A connection that received nothing this long is checked with a query, to notice a silently dead one. */
	private static final Duration IDLE_CHECK = Duration.ofSeconds(30);

	private static final Duration FIRST_BACKOFF = Duration.ofMillis(250);

	private static final Duration MAX_BACKOFF = Duration.ofSeconds(10);

	private final JdbcConnectionDetails database;

	private final JdbcClient jdbc;

	private final Map<String, List<Consumer<String>>> subscribers = new ConcurrentHashMap<>();

	private final List<Runnable> listeningActions = new CopyOnWriteArrayList<>();

	/** Channels the current connection listens to; cleared with each new connection. */
	private final Set<String> listening = ConcurrentHashMap.newKeySet();

	private volatile boolean running;

	private volatile @Nullable Thread listener;

	private volatile @Nullable Connection connection;

	private volatile boolean connected;

	PostgresNotifications(JdbcConnectionDetails database, JdbcClient jdbc) {
		this.database = database;
		this.jdbc = jdbc;
	}

	/** Hands every payload sent on {@code channel} (on any instance, after its transaction commits) to {@code consumer}. */
	public void subscribe(String channel, Consumer<String> consumer) {
		subscribers.computeIfAbsent(channel, name -> new CopyOnWriteArrayList<>()).add(consumer);
	}

	/**
	 * Runs {@code action} on the listening thread each time a connection (the first, or a new one after a drop) has
	 * begun to listen to every channel subscribed so far: from then on no notification is lost, while those sent
	 * before (while no connection listened) were. A subscriber that keeps what a notification would change (a cache)
	 * forgets it here.
	 */
	public void onListening(Runnable action) {
		listeningActions.add(action);
	}

	/** {@code pg_notify(channel, payload)} on the current transaction's connection: delivered at its commit. */
	public void notify(String channel, String payload) {
		jdbc.sql("SELECT pg_notify(:channel, :payload)").param("channel", channel).param("payload", payload).query()
			.rowSet();
	}

	/** Whether the listening connection is open and listening (for tests and health). */
	public boolean isListening() {
		return connected && listening.containsAll(subscribers.keySet());
	}

	@Override
	public void start() {
		running = true;
		Thread thread = new Thread(this::listen, "pg-notifications");
		thread.setDaemon(true);
		listener = thread;
		thread.start();
	}

	@Override
	public void stop() {
		running = false;
		Thread thread = listener;
		if (thread != null) {
			thread.interrupt();
			try {
				thread.join(Duration.ofSeconds(5).toMillis());
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
		}
		closeQuietly();
	}

	@Override
	public boolean isRunning() {
		return running;
	}

	private void listen() {
		Duration backoff = FIRST_BACKOFF;
		boolean outageLogged = false;
		while (running) {
			try {
				open();
				if (outageLogged) {
					log.info("Listening for PostgreSQL notifications again");
				}
				outageLogged = false;
				backoff = FIRST_BACKOFF;
				receive();
			}
			catch (SQLException | RuntimeException ex) {
				connected = false;
				closeQuietly();
				if (!running) {
					return;
				}
				if (!outageLogged) {
					log.warn("Listening connection to PostgreSQL lost, reconnecting: {}", ex.getMessage());
					outageLogged = true;
				}
				LockSupport.parkNanos(backoff.toNanos());
				backoff = backoff.multipliedBy(2).compareTo(MAX_BACKOFF) > 0 ? MAX_BACKOFF : backoff.multipliedBy(2);
			}
		}
	}

	private void open() throws SQLException {
		Properties properties = new Properties();
		properties.setProperty("user", database.getUsername() == null ? "" : database.getUsername());
		if (database.getPassword() != null) {
			properties.setProperty("password", database.getPassword());
		}
		properties.setProperty("ApplicationName", "seedance-gateway-listener");
		properties.setProperty("tcpKeepAlive", "true");
		properties.setProperty("connectTimeout", "5");
		properties.setProperty("socketTimeout", "30");
		Connection opened = DriverManager.getConnection(database.getJdbcUrl(), properties);
		opened.setAutoCommit(true);
		connection = opened;
		listening.clear();
		connected = true;
	}

	private void receive() throws SQLException {
		Connection current = connection;
		if (current == null) {
			throw new SQLException("no connection");
		}
		PGConnection postgres = current.unwrap(PGConnection.class);
		listenToNewChannels(current);
		for (Runnable action : listeningActions) {
			try {
				action.run();
			}
			catch (RuntimeException ex) {
				log.warn("An action on listening again failed", ex);
			}
		}
		long lastHeard = System.nanoTime();
		while (running) {
			listenToNewChannels(current);
			PGNotification[] notifications = postgres.getNotifications(WAIT_MILLIS);
			if (notifications != null && notifications.length > 0) {
				lastHeard = System.nanoTime();
				for (PGNotification notification : notifications) {
					deliver(notification.getName(), notification.getParameter());
				}
			}
			else if (System.nanoTime() - lastHeard > IDLE_CHECK.toNanos()) {
				try (Statement statement = current.createStatement()) {
					statement.execute("SELECT 1");
				}
				lastHeard = System.nanoTime();
			}
		}
	}

	private void listenToNewChannels(Connection current) throws SQLException {
		for (String channel : subscribers.keySet()) {
			if (!listening.contains(channel)) {
				try (Statement statement = current.createStatement()) {
					statement.execute("LISTEN " + quoted(channel));
				}
				listening.add(channel);
			}
		}
	}

	private void deliver(String channel, String payload) {
		for (Consumer<String> consumer : subscribers.getOrDefault(channel, List.of())) {
			try {
				consumer.accept(payload);
			}
			catch (RuntimeException ex) {
				log.warn("A subscriber of channel {} failed on payload {}", channel, payload, ex);
			}
		}
	}

	private static String quoted(String channel) {
		return "\"" + channel.replace("\"", "\"\"") + "\"";
	}

	private void closeQuietly() {
		Connection current = connection;
		connection = null;
		connected = false;
		if (current != null) {
			try {
				current.close();
			}
			catch (SQLException ex) {
				log.debug("Closing the listening connection failed", ex);
			}
		}
	}

}

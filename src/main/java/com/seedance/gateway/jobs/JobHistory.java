package com.seedance.gateway.jobs;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import jakarta.persistence.EntityManager;
import jakarta.persistence.TypedQuery;

import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Job lists for operators (a team's own list is read by {@link JobViews}), newest first, by keyset on
 * {@code (created_at DESC, id DESC)}: a page starts after the cursor's job, so jobs created between two page requests
 * never shift or repeat later pages. The predicates match the indexes {@code job_team_created_idx} (with a team) and
 * {@code job_created_idx} (without).
 */
@Component
public class JobHistory {

	private final EntityManager entityManager;

	JobHistory(EntityManager entityManager) {
		this.entityManager = entityManager;
	}

	/** Which jobs: any of them may be absent (an empty {@code statuses} means any status). */
	public record Filter(@Nullable String teamId, Set<JobStatus> statuses, @Nullable Instant from,
			@Nullable Instant to) {

		public Filter {
			statuses = Set.copyOf(statuses);
		}

	}

	/** One page of jobs, as entities or as views; {@code next} is null on the last page. */
	public record Page<T>(List<T> jobs, @Nullable JobCursor next) {
	}

	@Transactional(readOnly = true)
	public Page<Job> find(Filter filter, @Nullable JobCursor after, int limit) {
		List<String> conditions = new ArrayList<>();
		Map<String, Object> parameters = new LinkedHashMap<>();
		if (filter.teamId() != null) {
			conditions.add("j.teamId = :teamId");
			parameters.put("teamId", filter.teamId());
		}
		if (!filter.statuses().isEmpty()) {
			conditions.add("j.status in :statuses");
			parameters.put("statuses", filter.statuses());
		}
		if (filter.from() != null) {
			conditions.add("j.createdAt >= :from");
			parameters.put("from", filter.from());
		}
		if (filter.to() != null) {
			conditions.add("j.createdAt < :to");
			parameters.put("to", filter.to());
		}
		if (after != null) {
			// the first term bounds the index range; the second skips the cursor's own timestamp up to its id
			conditions.add("j.createdAt <= :afterAt and (j.createdAt < :afterAt or j.id < :afterId)");
			parameters.put("afterAt", after.createdAt());
			parameters.put("afterId", after.id());
		}
		String where = conditions.isEmpty() ? "" : " where " + String.join(" and ", conditions);
		TypedQuery<Job> query = entityManager
			.createQuery("select j from Job j" + where + " order by j.createdAt desc, j.id desc", Job.class);
		parameters.forEach(query::setParameter);
		List<Job> found = query.setMaxResults(limit + 1).getResultList();
		if (found.size() <= limit) {
			return new Page<>(found, null);
		}
		List<Job> page = List.copyOf(found.subList(0, limit));
		return new Page<>(page, JobCursor.after(page.get(limit - 1)));
	}

}

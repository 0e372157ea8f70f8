package com.seedance.gateway.jobs;

import java.time.Instant;
import java.util.List;
import java.util.Set;

import jakarta.persistence.EntityManager;
import jakarta.persistence.TypedQuery;

import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Job lists, newest first, by keyset on {@code (created_at DESC, id DESC)}: a page starts after the cursor's
 * job, so jobs created between two page requests never shift or repeat later pages. The predicates match the
 * indexes {@code job_team_created_idx} (with a team) and {@code job_created_idx} (without).
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

		public static Filter ofTeam(String teamId, Set<JobStatus> statuses) {
			return new Filter(teamId, statuses, null, null);
		}

	}

	/** One page; {@code next} is null on the last page. */
	public record Page(List<Job> jobs, @Nullable JobCursor next) {
	}

	@Transactional(readOnly = true)
	public Page find(Filter filter, @Nullable JobCursor after, int limit) {
		StringBuilder jpql = new StringBuilder("select j from Job j where 1 = 1");
		if (filter.teamId() != null) {
			jpql.append(" and j.teamId = :teamId");
		}
		if (!filter.statuses().isEmpty()) {
			jpql.append(" and j.status in :statuses");
		}
		if (filter.from() != null) {
			jpql.append(" and j.createdAt >= :from");
		}
		if (filter.to() != null) {
			jpql.append(" and j.createdAt < :to");
		}
		if (after != null) {
			// the first term bounds the index range; the second skips the cursor's own timestamp up to its id
			jpql.append(" and j.createdAt <= :afterAt and (j.createdAt < :afterAt or j.id < :afterId)");
		}
		jpql.append(" order by j.createdAt desc, j.id desc");
		TypedQuery<Job> query = entityManager.createQuery(jpql.toString(), Job.class);
		if (filter.teamId() != null) {
			query.setParameter("teamId", filter.teamId());
		}
		if (!filter.statuses().isEmpty()) {
			query.setParameter("statuses", filter.statuses());
		}
		if (filter.from() != null) {
			query.setParameter("from", filter.from());
		}
		if (filter.to() != null) {
			query.setParameter("to", filter.to());
		}
		if (after != null) {
			query.setParameter("afterAt", after.createdAt());
			query.setParameter("afterId", after.id());
		}
		List<Job> found = query.setMaxResults(limit + 1).getResultList();
		if (found.size() <= limit) {
			return new Page(found, null);
		}
		List<Job> page = List.copyOf(found.subList(0, limit));
		return new Page(page, JobCursor.after(page.get(limit - 1)));
	}

}

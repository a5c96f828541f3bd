package io.zkworkflow.reliability;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;

import io.zkworkflow.reliability.HistoryEvent.Type;
import io.zkworkflow.reliability.Violation.Kind;

/**
 * Reads a {@link History} after a run and lists every broken guarantee. Each check is a separate
 * method so that a scenario runs the ones that apply to it; {@link #all} runs every check.
 */
public final class HistoryChecker {

	private final History history;

	public HistoryChecker(History history) {
		this.history = history;
	}

	/**
	 * Run every check that needs no extra input.
	 * @return all violations found
	 */
	public List<Violation> all() {
		List<Violation> violations = new ArrayList<>();
		violations.addAll(lostItems());
		violations.addAll(doubleCommits());
		violations.addAll(staleTokensAccepted());
		violations.addAll(silentLockLosses());
		violations.addAll(rejectedValuesApplied());
		violations.addAll(notConverged(instancesThatApplied()));
		return violations;
	}

	/**
	 * Items with an acknowledged {@code SUBMIT} and no {@code COMMIT}. Items whose submission
	 * failed ({@code SUBMIT_FAILED} only) are indeterminate and not counted.
	 * @return one violation per lost item
	 */
	public List<Violation> lostItems() {
		Set<String> committed = subjects(Type.COMMIT);
		return subjects(Type.SUBMIT).stream()
			.filter((item) -> !committed.contains(item))
			.map((item) -> new Violation(Kind.LOST, item, "submitted (acknowledged) but never committed"))
			.toList();
	}

	/**
	 * Items committed more than once.
	 * @return one violation per item committed twice or more
	 */
	public List<Violation> doubleCommits() {
		Map<String, List<HistoryEvent>> commits = bySubject(this.history.ofType(Type.COMMIT));
		return commits.entrySet()
			.stream()
			.filter((entry) -> entry.getValue().size() > 1)
			.map((entry) -> new Violation(Kind.DOUBLE_COMMIT, entry.getKey(),
					entry.getValue().size() + " commits: " + describe(entry.getValue())))
			.toList();
	}

	/**
	 * Workflows that ended (a {@code COMMIT} or {@code DEAD_LETTER} of their subject) and whose
	 * durable completion listener never ran (no {@code NOTIFIED}).
	 * @param prefix the subject prefix of the workflows that declare a listener
	 * @return one violation per missed completion
	 */
	public List<Violation> missedCompletions(String prefix) {
		Set<String> notified = subjects(Type.NOTIFIED);
		return this.history
			.filter((event) -> (event.type() == Type.COMMIT || event.type() == Type.DEAD_LETTER)
					&& event.subject().startsWith(prefix))
			.stream()
			.map(HistoryEvent::subject)
			.distinct()
			.filter((workflow) -> !notified.contains(workflow))
			.map((workflow) -> new Violation(Kind.MISSED_COMPLETION, workflow,
					"ended but its completion listener never ran"))
			.toList();
	}

	/**
	 * Count the listener runs beyond the first of each workflow: allowed (the listener is a
	 * task, delivered at least once), but reported.
	 * @return how many repeated completion notices there were
	 */
	public long repeatedCompletions() {
		return bySubject(this.history.ofType(Type.NOTIFIED)).values()
			.stream()
			.mapToLong((runs) -> runs.size() - 1)
			.sum();
	}

	/**
	 * Writes a guarded resource accepted with a token lower than one it had accepted before, in
	 * the resource's own order (its source and sequence).
	 * @return one violation per stale write accepted
	 */
	public List<Violation> staleTokensAccepted() {
		List<Violation> violations = new ArrayList<>();
		Map<String, List<HistoryEvent>> writes = bySubject(this.history.ofType(Type.WRITE_ACCEPTED));
		writes.forEach((resource, accepted) -> {
			long highest = Long.MIN_VALUE;
			for (HistoryEvent write : accepted.stream().sorted(sourceOrder()).toList()) {
				long token = requireToken(write);
				if (token < highest) {
					violations.add(new Violation(Kind.STALE_TOKEN_ACCEPTED, resource,
							"accepted token " + token + " from " + write.value() + " after token " + highest));
				}
				highest = Math.max(highest, token);
			}
		});
		return violations;
	}

	/**
	 * Lock grants that a later grant to another holder superseded while the earlier holder never
	 * recorded a release or a loss of that grant (same lock, same token).
	 * @return one violation per silent loss
	 */
	public List<Violation> silentLockLosses() {
		List<Violation> violations = new ArrayList<>();
		Set<String> ended = this.history
			.filter((event) -> event.type() == Type.LOCK_RELEASE || event.type() == Type.LOCK_LOST)
			.stream()
			.map((event) -> grantKey(event.source(), event.subject(), requireToken(event)))
			.collect(Collectors.toSet());
		Map<String, List<HistoryEvent>> grants = bySubject(this.history.ofType(Type.LOCK_GRANT));
		grants.forEach((lock, granted) -> {
			for (HistoryEvent grant : granted) {
				long token = requireToken(grant);
				boolean superseded = granted.stream()
					.anyMatch((later) -> !later.source().equals(grant.source()) && requireToken(later) > token);
				if (superseded && !ended.contains(grantKey(grant.source(), lock, token))) {
					violations.add(new Violation(Kind.SILENT_LOCK_LOSS, lock, grant.source() + " held token " + token
							+ ", a later holder was granted the lock, and " + grant.source()
							+ " never recorded a release or a loss"));
				}
			}
		});
		return violations;
	}

	/**
	 * Config values some instance applied although they were rejected as invalid.
	 * @return one violation per application of a rejected value
	 */
	public List<Violation> rejectedValuesApplied() {
		Set<String> rejected = this.history.ofType(Type.CONFIG_REJECT)
			.stream()
			.map((event) -> configKey(event.subject(), event.value()))
			.collect(Collectors.toSet());
		return this.history.ofType(Type.CONFIG_APPLY)
			.stream()
			.filter((event) -> rejected.contains(configKey(event.subject(), event.value())))
			.map((event) -> new Violation(Kind.REJECTED_VALUE_APPLIED, event.subject(),
					event.source() + " applied '" + event.value() + "', which was rejected as invalid"))
			.toList();
	}

	/**
	 * Instances whose last applied value of a key is not the last published value that nobody
	 * rejected.
	 * @param instances the sources expected to hold the key's value at the end
	 * @return one violation per instance and key that did not converge
	 */
	public List<Violation> notConverged(Collection<String> instances) {
		List<Violation> violations = new ArrayList<>();
		Set<String> rejected = this.history.ofType(Type.CONFIG_REJECT)
			.stream()
			.map((event) -> configKey(event.subject(), event.value()))
			.collect(Collectors.toSet());
		Map<String, List<HistoryEvent>> published = bySubject(this.history.ofType(Type.CONFIG_PUBLISH));
		published.forEach((key, publishes) -> {
			List<HistoryEvent> valid = publishes.stream()
				.filter((event) -> !rejected.contains(configKey(key, event.value())))
				.toList(); // history order: the publisher's order
			if (valid.isEmpty()) {
				return;
			}
			String expected = valid.get(valid.size() - 1).value();
			for (String instance : instances) {
				List<HistoryEvent> applied = this.history.filter((event) -> event.type() == Type.CONFIG_APPLY
						&& event.subject().equals(key) && event.source().equals(instance));
				String last = applied.isEmpty() ? null
						: applied.stream().max(sourceOrder()).map(HistoryEvent::value).orElse(null);
				if (!Objects.equals(expected, last)) {
					violations.add(new Violation(Kind.NOT_CONVERGED, key, instance + " ended on '" + last
							+ "' but the last valid published value is '" + expected + "'"));
				}
			}
		});
		return violations;
	}

	/**
	 * Sources that applied at least one config value: the default instance set for
	 * {@link #notConverged}.
	 * @return the instance names
	 */
	public Set<String> instancesThatApplied() {
		Set<String> instances = new HashSet<>();
		this.history.ofType(Type.CONFIG_APPLY).forEach((event) -> instances.add(event.source()));
		return instances;
	}

	private Set<String> subjects(Type type) {
		return this.history.ofType(type)
			.stream()
			.map(HistoryEvent::subject)
			.collect(Collectors.toCollection(LinkedHashSet::new));
	}

	private static Map<String, List<HistoryEvent>> bySubject(List<HistoryEvent> events) {
		return events.stream()
			.collect(Collectors.groupingBy(HistoryEvent::subject, LinkedHashMap::new, Collectors.toList()));
	}

	private static Comparator<HistoryEvent> sourceOrder() {
		return Comparator.comparing(HistoryEvent::source).thenComparingLong(HistoryEvent::seq);
	}

	private static long requireToken(HistoryEvent event) {
		if (event.token() == null) {
			throw new IllegalStateException("History event " + event + " needs a fencing token; "
					+ "record lock and guarded-write events with their token");
		}
		return event.token();
	}

	private static String grantKey(String holder, String lock, long token) {
		return holder + "\u0000" + lock + "\u0000" + token;
	}

	private static String configKey(String key, Object value) {
		return key + "\u0000" + value;
	}

	private static String describe(List<HistoryEvent> events) {
		return events.stream()
			.map((event) -> event.source() + "#" + event.seq() + ((event.value() != null) ? " " + event.value() : ""))
			.collect(Collectors.joining(", "));
	}

}

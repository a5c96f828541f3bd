package io.zkworkflow.benchmarks;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

import io.zkworkflow.benchmarks.baseline.CuratorCacheListenerSubject;
import io.zkworkflow.benchmarks.baseline.CuratorMutexContendedSubject;
import io.zkworkflow.benchmarks.baseline.CuratorMutexSubject;
import io.zkworkflow.benchmarks.baseline.CuratorQueuePacedSubject;
import io.zkworkflow.benchmarks.baseline.CuratorQueueSaturatedSubject;
import io.zkworkflow.benchmarks.baseline.ShedLockSubject;
import io.zkworkflow.benchmarks.baseline.ZkAsyncCreateSubject;
import io.zkworkflow.benchmarks.baseline.ZkSyncCreateDeleteSubject;
import io.zkworkflow.benchmarks.baseline.ZkSyncGetDataSubject;
import io.zkworkflow.benchmarks.baseline.ZkWriteCeilingSubject;
import io.zkworkflow.benchmarks.capability.ConfigBurstSubject;
import io.zkworkflow.benchmarks.capability.ConfigPropagationSubject;
import io.zkworkflow.benchmarks.capability.ConfigWritesSubject;
import io.zkworkflow.benchmarks.capability.TaskBacklogSubject;
import io.zkworkflow.benchmarks.capability.TaskListSubject;
import io.zkworkflow.benchmarks.capability.TaskObservationSubject;
import io.zkworkflow.benchmarks.capability.TaskPacedSubject;
import io.zkworkflow.benchmarks.capability.TaskSaturatedSubject;
import io.zkworkflow.benchmarks.capability.TaskWritesSubject;
import io.zkworkflow.benchmarks.capability.WorkflowSaturatedSubject;
import io.zkworkflow.benchmarks.lock.AnnotationLockSubject;
import io.zkworkflow.benchmarks.lock.ContendedLockSubject;
import io.zkworkflow.benchmarks.lock.DistinctKeysLockSubject;
import io.zkworkflow.benchmarks.lock.LockLossSubject;
import io.zkworkflow.benchmarks.lock.LockObservationSubject;
import io.zkworkflow.benchmarks.lock.LockWritesSubject;
import io.zkworkflow.benchmarks.observation.ObservationSetup;
import io.zkworkflow.benchmarks.lock.RawCreateDeleteThreadsSubject;
import io.zkworkflow.benchmarks.lock.TemplateLockSubject;

/**
 * Every subject the harness knows, in run order. To add a subject, write its class and add one
 * line here, after the baseline of its table.
 */
public final class BenchmarkCatalog {

	private BenchmarkCatalog() {
	}

	/**
	 * Return a fresh instance of every subject, baselines first within each table.
	 * @return the subjects
	 */
	public static List<BenchmarkSubject> all() {
		List<BenchmarkSubject> subjects = new ArrayList<>(List.of(
				// raw ZooKeeper
				new ZkSyncCreateDeleteSubject(), new ZkSyncGetDataSubject(), new ZkAsyncCreateSubject(),
				// locks
				new CuratorMutexSubject(), new ShedLockSubject(), new CuratorMutexContendedSubject(),
				// zk-workflow locks
				new AnnotationLockSubject(), new TemplateLockSubject(), new DistinctKeysLockSubject(),
				new ContendedLockSubject(), new LockLossSubject(), new RawCreateDeleteThreadsSubject(),
				// queues and tasks
				new CuratorQueueSaturatedSubject(), new TaskSaturatedSubject(), new CuratorQueuePacedSubject(),
				new TaskPacedSubject(),
				// tasks with fleet-wide limits above the load (baseline: the saturated subject)
				TaskSaturatedSubject.concurrencyLimitAboveLoad(), TaskSaturatedSubject.rateLimitAboveLoad(),
				// workflows of trivial steps (baseline: the saturated task subject)
				WorkflowSaturatedSubject.fourStep(), WorkflowSaturatedSubject.fanOut100(),
				// tasks with a backlog
				TaskBacklogSubject.submitSmall(), TaskBacklogSubject.submitLarge(), TaskBacklogSubject.claimSmall(),
				TaskBacklogSubject.claimLarge(),
				// change propagation
				new CuratorCacheListenerSubject(), new ConfigPropagationSubject(), new ConfigBurstSubject(),
				// what observations cost, against a no-op registry
				new TaskObservationSubject(ObservationSetup.OFF), new TaskObservationSubject(ObservationSetup.METERS),
				new TaskObservationSubject(ObservationSetup.TRACING), new LockObservationSubject(ObservationSetup.OFF),
				new LockObservationSubject(ObservationSetup.METERS),
				new LockObservationSubject(ObservationSetup.TRACING)));
		// listing tasks
		subjects.addAll(TaskListSubject.all());
		// ZooKeeper transactions per operation, against the write ceiling of this ZooKeeper
		subjects.add(new ZkWriteCeilingSubject());
		subjects.addAll(List.of(LockWritesSubject.uncontended(), LockWritesSubject.contended()));
		subjects.addAll(TaskWritesSubject.all());
		subjects.addAll(List.of(ConfigWritesSubject.oneKey(), ConfigWritesSubject.twoKeysAtomic()));
		return List.copyOf(subjects);
	}

	/**
	 * Select the subjects whose name contains one of the filters (case-insensitive), plus the
	 * baselines of their tables, keeping catalog order.
	 * @param subjects the catalog
	 * @param filters name fragments; empty selects everything
	 * @return the selection
	 * @throws IllegalArgumentException when a filter matches nothing, listing the names
	 */
	public static List<BenchmarkSubject> select(List<BenchmarkSubject> subjects, List<String> filters) {
		if (filters.isEmpty()) {
			return subjects;
		}
		List<BenchmarkSubject> matched = new ArrayList<>();
		for (String filter : filters) {
			List<BenchmarkSubject> hits = subjects.stream()
				.filter((subject) -> subject.name().toLowerCase(Locale.ROOT).contains(filter.toLowerCase(Locale.ROOT)))
				.toList();
			if (hits.isEmpty()) {
				throw new IllegalArgumentException("--subjects: '" + filter + "' matches no subject; known subjects: "
						+ subjects.stream().map(BenchmarkSubject::name).collect(Collectors.joining(", ")));
			}
			matched.addAll(hits);
		}
		Set<String> baselines = matched.stream().map((subject) -> subject.table().baseline()).collect(Collectors.toSet());
		return subjects.stream()
			.filter((subject) -> matched.contains(subject) || baselines.contains(subject.name()))
			.toList();
	}

}

package io.zkworkflow.reliability;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import io.zkworkflow.internal.ZkRoot;
import io.zkworkflow.reliability.HistoryEvent.Type;
import io.zkworkflow.task.internal.TaskPaths;
import org.apache.curator.framework.CuratorFramework;
import org.apache.zookeeper.KeeperException;
import org.awaitility.core.ConditionTimeoutException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Durable completion listeners and runtime schedules under process faults. An operator JVM
 * starts workflows that declare an {@code onComplete} listener and drives a runtime schedule
 * that ticks every second: it is paused, triggered while paused, resumed and triggered again,
 * cycle after cycle. Two more worker JVMs run the work. Meanwhile a worker (the first started,
 * so normally the coordinator that fires the ticks) is SIGKILLed while the schedule is paused
 * and replaced, the ZooKeeper leader is SIGKILLed and restarted while it ticks, and at the
 * last resume the replacement worker is SIGKILLed too. The
 * checkers must find every ended workflow's listener run at least once (repeats counted, not
 * failed), no tick fired twice, no tick fired inside a paused period, and every trigger fired
 * exactly once.
 */
class CompletionScheduleScenarioTests {

	private static final Duration TIMEOUT = Duration.ofMinutes(2);

	private static final int CYCLES = 3;

	@RegisterExtension
	static final ProcessEnsemble ensemble = new ProcessEnsemble();

	@RegisterExtension
	final Workers workers = new Workers();

	private final ZkRoot root = new ZkRoot(ZkRoot.DEFAULT_PATH);

	@Test
	@Timeout(value = 6, unit = TimeUnit.MINUTES)
	void everyEndedWorkflowIsNotifiedAndNoTickFiresTwiceOrWhilePaused() throws Exception {
		Nemesis nemesis = new Nemesis(this.workers.recorder("nemesis"));
		// started first, so that its coordinator normally leads and fires the ticks when it is killed
		WorkerProcess killable = start("w2-1", "idle").awaitReady();
		WorkerProcess operator = start("w1", "schedule-operator", "reliability.cycles=" + CYCLES,
				"reliability.running=4s", "reliability.phase=3s", "reliability.interval=150ms");
		WorkerProcess other = start("w3", "idle");
		List<WorkerProcess> all = new ArrayList<>(List.of(killable, operator, other));
		all.forEach(WorkerProcess::awaitReady);
		boolean killedCoordinator;
		int foundByObserver;
		try (CuratorFramework owner = TestClients.owner(ensemble.connectString())) {
			// while paused: the next coordinator must honour the pause and the resume
			awaitOperator(Type.SCHEDULE_PAUSE, 1);
			killedCoordinator = leads(owner, killable);
			nemesis.killWorker(killable);
			killable = start("w2-2", "idle");
			all.add(killable);
			// while ticking
			awaitOperator(Type.SCHEDULE_RESUME, 2);
			nemesis.killAndRestartLeader(ensemble);
			awaitOperator(Type.SCHEDULE_RESUME, 3);
			killable.awaitReady();
			nemesis.killWorker(killable);
			all.add(start("w2-3", "idle"));
			operator.awaitWorkloadDone(TIMEOUT);
			awaitQuiet(owner);
			all.stream().filter(WorkerProcess::isAlive).forEach(WorkerProcess::kill);
			foundByObserver = TaskObserver.observe(owner, this.root, this.workers.history(),
					this.workers.recorder("observer"));
		}
		History history = this.workers.history();
		HistoryChecker checker = new HistoryChecker(history);
		ScheduleChecker schedules = new ScheduleChecker(history);
		List<Violation> violations = new ArrayList<>(checker.lostItems());
		violations.addAll(checker.doubleCommits());
		violations.addAll(checker.missedCompletions(ScenarioBeans.WORKFLOW_PREFIX));
		violations.addAll(schedules.all());
		long notified = history.ofType(Type.NOTIFIED).stream().map(HistoryEvent::subject).distinct().count();
		new Figures("completions and schedules, short (" + history.count(Type.SUBMIT) + " workflows; " + notified
				+ " notified, " + checker.repeatedCompletions() + " repeated notices; " + foundByObserver
				+ " ends without an event; " + schedules.ticksFired() + " ticks, " + schedules.triggersFired()
				+ " triggers fired; " + history.count(Type.SCHEDULE_PAUSE) + " pauses; first killed worker led: "
				+ killedCoordinator + ")", history.count(Type.SUBMIT) + history.count(Type.SCHEDULE_TRIGGER),
				history.count(Type.SUBMIT_FAILED) + history.count(Type.SCHEDULE_TRIGGER_FAILED), nemesis.faults(),
				violations)
			.publish();
		assertThat(violations).isEmpty();
		assertThat(history.ofType(Type.DEAD_LETTER)).as("tasks dead-lettered or workflows failed").isEmpty();
		assertThat(history.count(Type.SCHEDULE_PAUSE)).as("pauses").isEqualTo(CYCLES + 1);
		assertThat(schedules.ticksFired()).as("ticks fired").isPositive();
		assertThat((long) schedules.triggersFired()).as("triggers fired")
			.isGreaterThanOrEqualTo(history.count(Type.SCHEDULE_TRIGGER))
			.isPositive();
		assertThat(notified).as("workflows notified").isEqualTo(history.count(Type.SUBMIT));
		long lastFault = history.lastFaultInjected();
		assertThat(history.filter((event) -> event.type() == Type.NOTIFIED && event.time() > lastFault))
			.as("completion notices after the last fault (the faults hit a running workload)")
			.isNotEmpty();
	}

	private WorkerProcess start(String id, String workload, String... properties) {
		List<String> all = new ArrayList<>(List.of("zk-workflow.tasks.retention=1h",
				"zk-workflow.workflows.retention=1h"));
		all.addAll(List.of(properties));
		return this.workers.start(id, workload, ensemble.connectString(), all.toArray(String[]::new));
	}

	private void awaitOperator(Type type, long count) {
		await(count + " x " + type).atMost(TIMEOUT)
			.pollInterval(Duration.ofMillis(300))
			.until(() -> this.workers.count(type) >= count);
	}

	/**
	 * Wait until every started workflow was notified and no listener or scheduled task is
	 * waiting or running; on timeout go on, and let the checkers say what is missing.
	 */
	private void awaitQuiet(CuratorFramework owner) {
		try {
			await("every workflow notified and nothing pending").atMost(TIMEOUT)
				.pollInterval(Duration.ofSeconds(1))
				.until(() -> unnotified() == 0 && pending(owner, CompletionScheduleBeans.TICK_TASK) == 0
						&& pending(owner, CompletionScheduleBeans.LISTENER) == 0);
		}
		catch (ConditionTimeoutException ex) {
			System.out.println("Not quiet when the workers were stopped: " + ex.getMessage());
		}
	}

	private long unnotified() {
		History history = this.workers.history();
		Set<String> notified = history.ofType(Type.NOTIFIED)
			.stream()
			.map(HistoryEvent::subject)
			.collect(Collectors.toSet());
		return history.ofType(Type.SUBMIT).stream().filter((event) -> !notified.contains(event.subject())).count();
	}

	/** Count a task's ready, running and delayed znodes. */
	private long pending(CuratorFramework owner, String task) throws Exception {
		TaskPaths paths = new TaskPaths(this.root);
		long count = 0;
		for (String parent : List.of(paths.readyRoot(task), paths.runRoot(task), paths.delayRoot(task))) {
			for (String group : children(owner, parent)) {
				count += children(owner, parent + "/" + group).size();
			}
		}
		return count;
	}

	/** Whether a worker's session owns the first node of the coordinator's leader latch. */
	private boolean leads(CuratorFramework owner, WorkerProcess worker) throws Exception {
		String latch = this.root.resolve("coordinator");
		String first = children(owner, latch).stream()
			.min(Comparator.comparing((String node) -> node.substring(node.lastIndexOf('-') + 1)))
			.orElse(null);
		long session = TestClients.sessionOwning(owner, this.root.resolve("reliability", "workers", worker.id()));
		return first != null && session != 0 && TestClients.sessionOwning(owner, latch + "/" + first) == session;
	}

	private static List<String> children(CuratorFramework client, String path) throws Exception {
		try {
			return client.getChildren().forPath(path);
		}
		catch (KeeperException.NoNodeException ex) {
			return List.of();
		}
	}

}

package io.zkworkflow.reliability;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import io.zkworkflow.internal.ZkRoot;
import io.zkworkflow.reliability.HistoryEvent.Type;
import org.apache.curator.framework.CuratorFramework;
import org.awaitility.core.ConditionTimeoutException;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Durable tasks and workflows under process faults. A producer JVM submits tasks and starts
 * workflows (each acknowledged submission recorded); three worker JVMs (the producer is one)
 * run them and record every commit from the product's completion events. Meanwhile one worker
 * is SIGKILLed and restarted again and again, another is SIGSTOPped until its session expired
 * and then resumed (the zombie), and the ZooKeeper leader is killed and restarted. The checker
 * must find no task lost, no task or workflow committed twice, nothing dead-lettered, and every
 * workflow completed exactly once.
 */
class TaskWorkflowScenarioTests {

	private static final Duration TIMEOUT = Duration.ofMinutes(5);

	/** Elements of the one fan-out workflow of a run. */
	private static final int FAN_OUT = 100;

	@RegisterExtension
	static final ProcessEnsemble ensemble = new ProcessEnsemble();

	@RegisterExtension
	final Workers workers = new Workers();

	private final ZkRoot root = new ZkRoot(ZkRoot.DEFAULT_PATH);

	@Test
	@Timeout(value = 8, unit = TimeUnit.MINUTES)
	void noTaskIsLostOrCommittedTwiceAndEveryWorkflowCompletesOnce() throws Exception {
		run("tasks and workflows, short", 10_000, 100, 2);
	}

	@Test
	@Tag("long")
	@Timeout(value = 90, unit = TimeUnit.MINUTES)
	void longRun() throws Exception {
		run("tasks and workflows, long", 100_000, 1000, 10);
	}

	/**
	 * @param rounds fault rounds; each kills and restarts a worker twice, pauses another past its
	 * session once and kills the ZooKeeper leader once
	 */
	private void run(String scenario, int tasks, int workflows, int rounds) throws Exception {
		String connectString = ensemble.connectString();
		Nemesis nemesis = new Nemesis(this.workers.recorder("nemesis"));
		WorkerProcess producer = start("w1", "task-producer", "reliability.tasks=" + tasks,
				"reliability.workflows=" + workflows, "reliability.fan-out=" + FAN_OUT);
		WorkerProcess killable = start("w2-1", "idle");
		WorkerProcess pausable = start("w3", "idle");
		List<WorkerProcess> all = new ArrayList<>(List.of(producer, killable, pausable));
		all.forEach(WorkerProcess::awaitReady);
		long expected = tasks + workflows + 1; // the fan-out workflow
		int faults = rounds * 4;
		int restarts = 1;
		int foundByObserver;
		TimerObserver.Timers timers;
		try (CuratorFramework owner = TestClients.owner(connectString)) {
			for (int fault = 0; fault < faults; fault++) {
				// spread the faults over the run: each waits for its share of the commits
				awaitCommits(Math.min(expected, 3 * expected * (fault + 1) / (4 * faults + 4)));
				switch (fault % 4) {
					case 0, 2 -> {
						killable.awaitReady();
						nemesis.killWorker(killable);
						killable = start("w2-" + (++restarts), "idle");
						all.add(killable);
					}
					case 1 -> {
						String marker = this.root.resolve("reliability", "workers", pausable.id());
						long session = TestClients.sessionOwning(owner, marker);
						nemesis.pauseWorkerUntil(pausable, "the servers expired its session",
								() -> TestClients.sessionOwning(owner, marker) != session, TIMEOUT);
					}
					default -> nemesis.killAndRestartLeader(ensemble);
				}
			}
			producer.awaitWorkloadDone(TIMEOUT.multipliedBy(rounds));
			long pending = awaitAllCommitted(owner);
			all.stream().filter(WorkerProcess::isAlive).forEach(WorkerProcess::kill);
			foundByObserver = TaskObserver.observe(owner, this.root, this.workers.history(),
					this.workers.recorder("observer"));
			timers = TimerObserver.observe(owner, this.root, this.workers.history(),
					this.workers.recorder("observer"));
			System.out.println("Unaccounted for when the workers were stopped: " + pending
					+ "; commits found in ZooKeeper without an event: " + foundByObserver);
		}
		History history = this.workers.history();
		HistoryChecker checker = new HistoryChecker(history);
		List<Violation> violations = new ArrayList<>(checker.lostItems());
		violations.addAll(checker.doubleCommits());
		WorkflowChecker workflowChecker = new WorkflowChecker(history);
		violations.addAll(workflowChecker.all());
		long workflowsCompleted = history
			.filter((event) -> event.type() == Type.COMMIT && event.subject().startsWith(ScenarioBeans.WORKFLOW_PREFIX))
			.size();
		long handlerRuns = history.count(Type.CLAIM);
		long elements = history.filter((event) -> event.type() == Type.STEP_COMMIT && event.subject().contains("#"))
			.size();
		List<String> joins = history
			.filter((event) -> event.type() == Type.CLAIM && event.value() != null && event.value().contains(" join "))
			.stream()
			.map(HistoryEvent::value)
			.toList();
		new Figures(scenario + " (" + tasks + " tasks, " + workflows + " workflows + 1 fan-out of " + FAN_OUT + "; "
				+ workflowsCompleted + " workflows completed; " + history.count(Type.COMMIT) + " commits incl. steps; "
				+ history.count(Type.STEP_COMMIT) + " step commits recorded (" + elements + " fan-out elements); "
				+ handlerRuns + " handler runs; " + foundByObserver + " commits without an event; " + timers.started()
				+ " timers started, " + history.count(Type.TIMER_FIRE) + " timer fires (" + timers.foundWithoutEvent()
				+ " found without an event); signals: " + workflowChecker.signalsAnswered("BUFFERED") + " buffered, "
				+ workflowChecker.signalsAnswered("DELIVERED") + " delivered, "
				+ workflowChecker.signalsAnswered("DUPLICATE") + " duplicate, " + history.count(Type.SIGNAL_SEND_FAILED)
				+ " failed calls, " + history.count(Type.SIGNAL_CONSUMED) + " consumed by the next step)",
				history.count(Type.SUBMIT), history.count(Type.SUBMIT_FAILED), nemesis.faults(), violations)
			.publish();
		assertThat(violations).isEmpty();
		assertThat(history.ofType(Type.DEAD_LETTER)).as("tasks dead-lettered or workflows failed").isEmpty();
		assertThat(history.count(Type.SUBMIT)).as("acknowledged submissions").isEqualTo(expected);
		assertThat(workflowsCompleted).as("workflows completed").isEqualTo(workflows + 1);
		int waitFlows = workflows / 2;
		assertThat(timers.started()).as("timers started (2 per wait workflow)").isEqualTo(2 * waitFlows);
		assertThat(workflowChecker.signalsAnswered("BUFFERED")).as("signals kept before the wait").isPositive();
		assertThat(workflowChecker.signalsAnswered("DELIVERED")).as("signals delivered to a running wait").isPositive();
		assertThat(history.filter((event) -> event.type() == Type.CLAIM && event.value() != null
				&& event.value().contains("wait timed out"))).as("waits that timed out").isEmpty();
		assertThat(joins).as("fan-out joins").isNotEmpty().allMatch((join) -> join.endsWith(" join elements="
				+ FAN_OUT + " ordered=true"));
		long lastFault = history.lastFaultInjected();
		assertThat(history.filter((event) -> event.type() == Type.COMMIT && event.time() > lastFault))
			.as("commits after the last fault (the faults hit a running workload)")
			.isNotEmpty();
	}

	private WorkerProcess start(String id, String workload, String... properties) {
		List<String> all = new ArrayList<>(List.of("zk-workflow.tasks.retention=2h",
				"zk-workflow.workflows.retention=2h", "zk-workflow.tasks.max-pending=1000000"));
		all.addAll(List.of(properties));
		return this.workers.start(id, workload, ensemble.connectString(), all.toArray(String[]::new));
	}

	private void awaitCommits(long count) {
		await(count + " commits").atMost(TIMEOUT)
			.pollInterval(Duration.ofSeconds(1))
			.until(() -> this.workers.count(Type.COMMIT) >= count);
	}

	/**
	 * Wait until every acknowledged submission has a recorded commit or, when its worker was
	 * stopped between commit and event, an outcome in ZooKeeper; return how many have neither.
	 */
	private long awaitAllCommitted(CuratorFramework owner) throws Exception {
		try {
			await("every acknowledged task and workflow committed").atMost(TIMEOUT)
				.pollInterval(Duration.ofSeconds(2))
				.until(() -> unaccounted(owner) == 0);
			return 0;
		}
		catch (ConditionTimeoutException ex) {
			return unaccounted(owner); // the observer and the checker say what happened to them
		}
	}

	private long unaccounted(CuratorFramework owner) throws Exception {
		List<String> uncommitted = TaskObserver.uncommitted(this.workers.history());
		return uncommitted.size() - TaskObserver.committedInZooKeeper(owner, this.root, uncommitted).size();
	}

}

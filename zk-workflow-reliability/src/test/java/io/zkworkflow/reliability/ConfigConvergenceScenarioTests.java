package io.zkworkflow.reliability;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import io.zkworkflow.internal.ZkRoot;
import io.zkworkflow.reliability.HistoryEvent.Type;
import io.zkworkflow.reliability.Violation.Kind;
import org.apache.curator.framework.CuratorFramework;
import org.awaitility.core.ConditionTimeoutException;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Live configuration under faults: a publisher writes the sample's pricing rules (some values
 * invalid) while the ZooKeeper leader is killed or paused and instances are SIGSTOPped past
 * their session and resumed. Three instances record every value they apply and every value they
 * reject, from the product's events. No instance may ever apply a value that was rejected, or
 * any invalid value at all, and every instance must end on the last valid published value.
 */
class ConfigConvergenceScenarioTests {

	private static final Duration TIMEOUT = Duration.ofMinutes(2);

	private static final List<String> INSTANCES = List.of("c1", "c2", "c3");

	@RegisterExtension
	static final ProcessEnsemble ensemble = new ProcessEnsemble();

	@RegisterExtension
	final Workers workers = new Workers();

	@Test
	void everyInstanceConvergesOnTheLastValidValueAndNeverAppliesARejectedOne() throws Exception {
		run("config, short", 1);
	}

	@Test
	@Tag("long")
	@Timeout(value = 30, unit = TimeUnit.MINUTES)
	void longRun() throws Exception {
		run("config, long", 8);
	}

	/**
	 * @param rounds fault rounds; each kills the leader, pauses an instance past its session,
	 * pauses the leader until it is replaced, and pauses another instance
	 */
	private void run(String scenario, int rounds) throws Exception {
		String connectString = ensemble.connectString();
		ZkRoot root = new ZkRoot(ZkRoot.DEFAULT_PATH);
		Nemesis nemesis = new Nemesis(this.workers.recorder("nemesis"));
		List<WorkerProcess> instances = INSTANCES.stream()
			.map((id) -> this.workers.start(id, "idle", connectString))
			.toList();
		instances.forEach(WorkerProcess::awaitReady);
		String last;
		Set<String> invalid;
		int published;
		try (CuratorFramework owner = TestClients.owner(connectString);
				ConfigPublisher publisher = new ConfigPublisher(owner, this.workers.recorder("publisher"))) {
			publisher.start(Duration.ofMillis(100));
			for (int round = 0; round < rounds; round++) {
				awaitPublished(20);
				nemesis.killAndRestartLeader(ensemble);
				awaitPublished(20);
				pausePastSession(nemesis, owner, root, instances.get(1 + round % 2));
				awaitPublished(20);
				nemesis.pauseLeaderUntilReplaced(ensemble);
				awaitPublished(20);
				pausePastSession(nemesis, owner, root, instances.get(2 - round % 2));
			}
			awaitPublished(20);
			last = publisher.finish();
			invalid = publisher.invalid();
			published = publisher.published();
			try {
				await("every instance applied " + last).atMost(TIMEOUT)
					.pollInterval(Duration.ofMillis(500))
					.until(() -> INSTANCES.stream().allMatch((id) -> last.equals(lastApplied(id))));
			}
			catch (ConditionTimeoutException ex) {
				// the checker names the instances that did not converge
			}
			instances.forEach(nemesis::killWorker);
		}
		History history = this.workers.history();
		HistoryChecker checker = new HistoryChecker(history);
		List<Violation> violations = new ArrayList<>(checker.rejectedValuesApplied());
		violations.addAll(checker.notConverged(INSTANCES));
		history.ofType(Type.CONFIG_APPLY)
			.stream()
			.filter((event) -> invalid.contains(event.value()))
			.forEach((event) -> violations.add(new Violation(Kind.REJECTED_VALUE_APPLIED, event.subject(),
					event.source() + " applied the invalid value '" + event.value() + "'")));
		new Figures(scenario + " (" + published + " values published, " + invalid.size() + " invalid; "
				+ history.count(Type.CONFIG_APPLY) + " applies, " + history.count(Type.CONFIG_REJECT) + " rejections)",
				history.count(Type.CONFIG_PUBLISH), history.filter((event) -> event.type() == Type.FAULT
						&& "publish-failed".equals(event.subject())).size(),
				nemesis.faults(), violations)
			.publish();
		assertThat(violations).isEmpty();
		assertThat(history.count(Type.CONFIG_REJECT)).as("invalid values seen and rejected").isPositive();
		assertThat(INSTANCES).allSatisfy((id) -> assertThat(lastApplied(id)).isEqualTo(last));
	}

	private void pausePastSession(Nemesis nemesis, CuratorFramework owner, ZkRoot root, WorkerProcess instance) {
		String marker = root.resolve("reliability", "workers", instance.id());
		long session = TestClients.sessionOwning(owner, marker);
		nemesis.pauseWorkerUntil(instance, "the servers expired its session",
				() -> TestClients.sessionOwning(owner, marker) != session, TIMEOUT);
	}

	private String lastApplied(String instance) {
		List<HistoryEvent> applied = this.workers.history()
			.filter((event) -> event.type() == Type.CONFIG_APPLY && event.source().equals(instance)
					&& Objects.equals(event.subject(), ConfigPublisher.KEY));
		return applied.isEmpty() ? null : applied.get(applied.size() - 1).value();
	}

	private void awaitPublished(long more) {
		long target = this.workers.count(Type.CONFIG_PUBLISH) + more;
		await(target + " values published").atMost(TIMEOUT)
			.pollInterval(Duration.ofMillis(200))
			.until(() -> this.workers.count(Type.CONFIG_PUBLISH) >= target);
	}

}

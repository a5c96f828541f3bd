package io.zkworkflow.reliability;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import io.zkworkflow.internal.ZkRoot;
import io.zkworkflow.reliability.HistoryEvent.Type;
import org.apache.curator.framework.CuratorFramework;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Every ZooKeeper server is SIGKILLed and stays down longer than the worker's session timeout,
 * then the ensemble restarts: the worker application keeps running and answering HTTP, its
 * {@code zkworkflow} health goes DOWN then UP, it works again afterwards, and nothing it wrote
 * (acknowledged) before or after the outage is lost or stored twice.
 */
class EnsembleOutageScenarioTests {

	private static final Duration RECOVERY = Duration.ofMinutes(2);

	@RegisterExtension
	static final ProcessEnsemble ensemble = new ProcessEnsemble();

	@RegisterExtension
	final Workers workers = new Workers();

	@Test
	void applicationSurvivesAWholeEnsembleOutageLongerThanItsSession() throws Exception {
		Nemesis nemesis = new Nemesis(this.workers.recorder("nemesis"));
		WorkerProcess worker = this.workers
			.start("w1", "items", ensemble.connectString(), "reliability.items=1000000", "reliability.interval=10ms")
			.awaitReady();
		await("health UP").atMost(RECOVERY).until(() -> worker.health().equals("UP"));
		awaitSubmitted(200);

		nemesis.killEnsemble(ensemble);
		await("health DOWN while the ensemble is down").atMost(RECOVERY).until(() -> worker.health().equals("DOWN"));
		await("the worker's client declares its session lost").atMost(RECOVERY)
			.pollInterval(Duration.ofMillis(300))
			.until(() -> sessionEvents("LOST") > 0);
		assertThat(worker.isAlive()).isTrue();
		assertThat(worker.health()).as("health during the outage, answered over HTTP").isEqualTo("DOWN");

		nemesis.restartEnsemble(ensemble);
		await("health UP after the ensemble is back").atMost(RECOVERY).until(() -> worker.health().equals("UP"));
		long beforeRecovery = this.workers.history().count(Type.SUBMIT);
		awaitSubmitted(beforeRecovery + 200);
		nemesis.killWorker(worker);

		try (CuratorFramework owner = TestClients.owner(ensemble.connectString())) {
			ItemObserver.observe(owner, new ZkRoot(ZkRoot.DEFAULT_PATH), this.workers.recorder("observer"));
		}
		History history = this.workers.history();
		HistoryChecker checker = new HistoryChecker(history);
		List<Violation> violations = new ArrayList<>(checker.lostItems());
		violations.addAll(checker.doubleCommits());
		new Figures("whole-ensemble outage", history.count(Type.SUBMIT), history.count(Type.SUBMIT_FAILED),
				nemesis.faults(), violations)
			.publish();
		assertThat(violations).isEmpty();
		assertThat(sessionEvents("RECONNECTED")).as("reconnections after the outage").isPositive();
	}

	private long sessionEvents(String state) {
		return this.workers.history()
			.filter((event) -> event.type() == Type.SESSION && event.value() != null
					&& event.value().startsWith(state + " "))
			.size();
	}

	private void awaitSubmitted(long count) {
		await("worker acknowledged " + count + " writes").atMost(RECOVERY)
			.pollInterval(Duration.ofMillis(300))
			.until(() -> this.workers.history().count(Type.SUBMIT) >= count);
	}

}

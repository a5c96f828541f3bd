package io.zkworkflow.reliability;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import io.zkworkflow.internal.ZkRoot;
import io.zkworkflow.reliability.HistoryEvent.Type;
import org.apache.curator.framework.CuratorFramework;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A worker JVM writes a sequence of persistent znodes through its application's client while the
 * ZooKeeper leader (a separate JVM) is SIGKILLed and restarted, or SIGSTOPped until a new leader
 * is elected: no acknowledged write is lost and none is stored twice.
 */
class LeaderKillScenarioTests {

	@RegisterExtension
	static final ProcessEnsemble ensemble = new ProcessEnsemble();

	@RegisterExtension
	final Workers workers = new Workers();

	@Test
	void noAcknowledgedWriteIsLostOrStoredTwiceWhileLeadersAreKilledAndPaused() throws Exception {
		run("leader faults, short", 1500, 3);
	}

	@Test
	@Tag("long")
	@Timeout(value = 40, unit = TimeUnit.MINUTES)
	void longRun() throws Exception {
		run("leader faults, long", 30_000, 24);
	}

	private void run(String scenario, int items, int faults) throws Exception {
		Nemesis nemesis = new Nemesis(this.workers.recorder("nemesis"));
		WorkerProcess worker = this.workers
			.start("w1", "items", ensemble.connectString(), "reliability.items=" + items, "reliability.interval=5ms")
			.awaitReady();
		for (int fault = 1; fault <= faults; fault++) {
			awaitSubmitted((long) items * fault / (faults + 1));
			if (fault % 3 == 2) {
				nemesis.pauseLeaderUntilReplaced(ensemble);
			}
			else {
				nemesis.killAndRestartLeader(ensemble);
			}
		}
		worker.awaitWorkloadDone(Duration.ofMinutes(30));
		try (CuratorFramework owner = TestClients.owner(ensemble.connectString())) {
			ItemObserver.observe(owner, new ZkRoot(ZkRoot.DEFAULT_PATH), this.workers.recorder("observer"));
		}
		History history = this.workers.history();
		HistoryChecker checker = new HistoryChecker(history);
		List<Violation> violations = new ArrayList<>(checker.lostItems());
		violations.addAll(checker.doubleCommits());
		new Figures(scenario, history.count(Type.SUBMIT), history.count(Type.SUBMIT_FAILED), nemesis.faults(),
				violations)
			.publish();
		assertThat(violations).isEmpty();
		assertThat(history.count(Type.SUBMIT)).as("acknowledged writes").isGreaterThan(items / 2);
		long lastFault = history.lastFaultInjected();
		assertThat(history.filter((event) -> event.type() == Type.SUBMIT && event.time() > lastFault))
			.as("writes after the last fault (the faults hit a running workload)")
			.isNotEmpty();
	}

	private void awaitSubmitted(long count) {
		await("worker acknowledged " + count + " writes").atMost(Duration.ofMinutes(5))
			.pollInterval(Duration.ofMillis(300))
			.until(() -> this.workers.history().count(Type.SUBMIT) >= count);
	}

}

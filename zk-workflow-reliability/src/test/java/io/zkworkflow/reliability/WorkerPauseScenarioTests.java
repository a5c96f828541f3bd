package io.zkworkflow.reliability;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import io.zkworkflow.internal.ZkRoot;
import io.zkworkflow.reliability.HistoryEvent.Type;
import io.zkworkflow.test.ZooKeeperClusterExtension;
import org.apache.curator.framework.CuratorFramework;
import org.apache.zookeeper.data.Stat;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The zombie case, on the fast in-process ensemble: a worker JVM writing items is SIGSTOPped
 * until the servers have expired its session (its ephemeral znode is gone), then SIGCONTed. It
 * must learn that its session was lost, get a new one, work on, and lose or duplicate nothing it
 * acknowledged.
 */
class WorkerPauseScenarioTests {

	private static final Duration TIMEOUT = Duration.ofMinutes(2);

	@RegisterExtension
	static final ZooKeeperClusterExtension zookeeper = new ZooKeeperClusterExtension();

	@RegisterExtension
	final Workers workers = new Workers();

	@Test
	void pausedWorkerLearnsItsSessionWasLostAndLosesNothing() throws Exception {
		Nemesis nemesis = new Nemesis(this.workers.recorder("nemesis"));
		WorkerProcess worker = this.workers
			.start("w1", "items", zookeeper.connectString(), "reliability.items=1000000", "reliability.interval=10ms")
			.awaitReady();
		ZkRoot root = new ZkRoot(ZkRoot.DEFAULT_PATH);
		String alive = root.resolve("reliability", "workers", "w1");
		try (CuratorFramework owner = TestClients.owner(zookeeper.connectString())) {
			long firstSession = await("the worker's session marker").atMost(TIMEOUT)
				.until(() -> sessionOwning(owner, alive), (session) -> session != 0);
			awaitSubmitted(100);

			nemesis.pauseWorkerUntil(worker, "the servers expired its session",
					() -> sessionOwning(owner, alive) == 0, TIMEOUT);
			await("the resumed worker's client reports its session LOST").atMost(TIMEOUT)
				.pollInterval(Duration.ofMillis(300))
				.until(() -> sessionEvents("LOST") > 0);
			await("a new session recreates the marker").atMost(TIMEOUT)
				.until(() -> sessionOwning(owner, alive), (session) -> session != 0 && session != firstSession);
			awaitSubmitted(this.workers.history().count(Type.SUBMIT) + 100);
			nemesis.killWorker(worker);

			ItemObserver.observe(owner, root, this.workers.recorder("observer"));
		}
		History history = this.workers.history();
		HistoryChecker checker = new HistoryChecker(history);
		List<Violation> violations = new ArrayList<>(checker.lostItems());
		violations.addAll(checker.doubleCommits());
		new Figures("worker paused past its session", history.count(Type.SUBMIT), history.count(Type.SUBMIT_FAILED),
				nemesis.faults(), violations)
			.publish();
		assertThat(violations).isEmpty();
	}

	private static long sessionOwning(CuratorFramework client, String path) {
		try {
			Stat stat = client.checkExists().forPath(path);
			return (stat != null) ? stat.getEphemeralOwner() : 0;
		}
		catch (Exception ex) {
			throw new IllegalStateException("Cannot read " + path, ex);
		}
	}

	private long sessionEvents(String state) {
		return this.workers.history()
			.filter((event) -> event.type() == Type.SESSION && event.value() != null
					&& event.value().startsWith(state + " "))
			.size();
	}

	private void awaitSubmitted(long count) {
		await("worker acknowledged " + count + " writes").atMost(TIMEOUT)
			.pollInterval(Duration.ofMillis(300))
			.until(() -> this.workers.history().count(Type.SUBMIT) >= count);
	}

}

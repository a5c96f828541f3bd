package io.zkworkflow.reliability;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.stream.Collectors;

import io.zkworkflow.internal.ZkRoot;
import io.zkworkflow.reliability.HistoryEvent.Type;
import io.zkworkflow.reliability.Violation.Kind;
import io.zkworkflow.test.ZooKeeperClusterExtension;
import org.apache.curator.framework.CuratorFramework;
import org.awaitility.core.ConditionTimeoutException;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Three worker JVMs contend on one {@code @DistributedLocked} lock and, while they hold it, write
 * to a {@link GuardedResource} with their fencing token. The nemesis SIGSTOPs the current holder
 * until the servers expired its session and another worker has written under a newer token,
 * then SIGCONTs it (the zombie holder). The resource must never accept a token lower than one it
 * accepted, and every paused holder must be told by the lock that it lost it
 * ({@code LockLostException} or {@code LockLostEvent}).
 */
class LockFencingScenarioTests {

	private static final Duration TIMEOUT = Duration.ofMinutes(2);

	@RegisterExtension
	static final ZooKeeperClusterExtension zookeeper = new ZooKeeperClusterExtension();

	@RegisterExtension
	final Workers workers = new Workers();

	@Test
	void pausedHoldersAreFencedOffAndLearnTheirLockWasLost() throws Exception {
		run("locks, short", 3);
	}

	@Test
	@Tag("long")
	@Timeout(value = 30, unit = TimeUnit.MINUTES)
	void longRun() throws Exception {
		run("locks, long", 20);
	}

	private void run(String scenario, int pauses) throws Exception {
		String connectString = zookeeper.connectString();
		ZkRoot root = new ZkRoot(ZkRoot.DEFAULT_PATH);
		List<Violation> violations = new ArrayList<>();
		List<HistoryEvent> pausedGrants = new ArrayList<>();
		Nemesis nemesis = new Nemesis(this.workers.recorder("nemesis"));
		try (GuardedResource resource = GuardedResource.start(this.workers.recorder("resource"));
				CuratorFramework owner = TestClients.owner(connectString)) {
			List<WorkerProcess> contenders = new ArrayList<>();
			for (String id : List.of("l1", "l2", "l3")) {
				contenders.add(this.workers.start(id, "lock-contender", connectString,
						"reliability.resource=" + resource.url()));
			}
			contenders.forEach(WorkerProcess::awaitReady);
			Map<String, WorkerProcess> byId = contenders.stream()
				.collect(Collectors.toMap(WorkerProcess::id, Function.identity()));
			awaitCount(Type.LOCK_GRANT, 6);
			for (int attempt = 0; pausedGrants.size() < pauses; attempt++) {
				assertThat(attempt).as("attempts to pause a worker while it holds the lock").isLessThan(pauses * 30);
				Optional<HistoryEvent> holding = openGrants().stream().max(Comparator.comparingLong(HistoryEvent::token));
				if (holding.isEmpty()) {
					awaitCount(Type.LOCK_GRANT, this.workers.count(Type.LOCK_GRANT) + 1);
					continue;
				}
				WorkerProcess holder = byId.get(holding.get().source());
				String marker = root.resolve("reliability", "workers", holder.id());
				long session = TestClients.sessionOwning(owner, marker);
				// read again once stopped: the grant must still be open, so that the pause hits a holder
				HistoryEvent[] paused = new HistoryEvent[1];
				boolean injected = nemesis.pauseWorkerIf(holder, () -> {
					paused[0] = openGrants().stream()
						.filter((grant) -> grant.source().equals(holder.id()))
						.findFirst()
						.orElse(null);
					return paused[0] != null && session != 0;
				}, "while it holds the lock, until its session expired and another holder wrote", () -> {
					long token = paused[0].token();
					return TestClients.sessionOwning(owner, marker) != session && resourceAccepted(token);
				}, TIMEOUT);
				if (injected) {
					pausedGrants.add(paused[0]);
					awaitEnded(paused[0]);
				}
			}
			awaitCount(Type.WRITE_ACCEPTED, this.workers.count(Type.WRITE_ACCEPTED) + 20);
			for (HistoryEvent grant : pausedGrants) {
				try {
					await("holder " + grant.source() + " told its lock with token " + grant.token() + " was lost")
						.atMost(Duration.ofSeconds(30))
						.pollInterval(Duration.ofMillis(300))
						.until(() -> lossRecorded(grant));
				}
				catch (ConditionTimeoutException ex) {
					violations.add(new Violation(Kind.SILENT_LOCK_LOSS, GuardedJob.LOCK, grant.source()
							+ " was paused holding token " + grant.token() + ", a newer holder wrote, and after "
							+ "resuming it was never told (no LockLostException, no LockLostEvent): " + ending(grant)));
				}
			}
			contenders.forEach(nemesis::killWorker);
		}
		History history = this.workers.history();
		HistoryChecker checker = new HistoryChecker(history);
		violations.addAll(checker.staleTokensAccepted());
		violations.addAll(checker.silentLockLosses());
		new Figures(scenario + " (" + history.count(Type.LOCK_GRANT) + " grants, " + history.count(Type.WRITE_REFUSED)
				+ " stale writes refused)", history.count(Type.WRITE_ACCEPTED), 0, nemesis.faults(), violations)
			.publish();
		assertThat(violations).isEmpty();
		assertThat(history.count(Type.WRITE_REFUSED)).as("writes of resumed holders refused by the fence")
			.isPositive();
	}

	/** Grants whose holder has recorded neither a release nor a loss. */
	private List<HistoryEvent> openGrants() {
		History history = this.workers.history();
		List<String> ended = history
			.filter((event) -> event.type() == Type.LOCK_RELEASE || event.type() == Type.LOCK_LOST)
			.stream()
			.map((event) -> event.source() + "/" + event.token())
			.toList();
		return history.filter((event) -> event.type() == Type.LOCK_GRANT
				&& !ended.contains(event.source() + "/" + event.token()));
	}

	private boolean resourceAccepted(long newerThan) {
		return this.workers.history()
			.filter((event) -> event.type() == Type.WRITE_ACCEPTED && event.token() != null
					&& event.token() > newerThan)
			.size() > 0;
	}

	private boolean lossRecorded(HistoryEvent grant) {
		return !this.workers.history()
			.filter((event) -> event.type() == Type.LOCK_LOST && event.source().equals(grant.source())
					&& grant.token().equals(event.token()))
			.isEmpty();
	}

	private String ending(HistoryEvent grant) {
		return this.workers.history()
			.filter((event) -> (event.type() == Type.LOCK_RELEASE || event.type() == Type.LOCK_LOST)
					&& event.source().equals(grant.source()) && grant.token().equals(event.token()))
			.toString();
	}

	private void awaitEnded(HistoryEvent grant) {
		await("the resumed holder " + grant.source() + " ends its hold").atMost(TIMEOUT)
			.pollInterval(Duration.ofMillis(200))
			.until(() -> !ending(grant).equals("[]"));
	}

	private void awaitCount(Type type, long count) {
		await(count + " " + type + " events").atMost(TIMEOUT)
			.pollInterval(Duration.ofMillis(200))
			.until(() -> this.workers.count(type) >= count);
	}

}

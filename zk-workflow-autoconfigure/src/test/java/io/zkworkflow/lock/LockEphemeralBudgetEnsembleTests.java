package io.zkworkflow.lock;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import io.zkworkflow.autoconfigure.ZkWorkflowAutoConfiguration;
import io.zkworkflow.autoconfigure.lock.LockAutoConfiguration;
import io.zkworkflow.internal.EphemeralBudget;
import io.zkworkflow.internal.ZkRoot;
import io.zkworkflow.lock.internal.LockPaths;
import io.zkworkflow.test.ZooKeeperClusterExtension;
import org.apache.curator.framework.CuratorFramework;
import org.apache.curator.test.InstanceSpec;
import org.apache.curator.test.KillSession;
import org.apache.zookeeper.CreateMode;
import org.apache.zookeeper.client.FourLetterWordMain;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.cloud.zookeeper.ZookeeperAutoConfiguration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The ephemeral node budget on a real three-server ensemble: many waiters on one key, the ones
 * past the budget refused before they reach ZooKeeper, then the instance's session expires
 * (ZooKeeper logs the record that lists its ephemeral paths) and every server restarts and
 * reads its log back.
 */
class LockEphemeralBudgetEnsembleTests {

	@RegisterExtension
	static final ZooKeeperClusterExtension ensemble = new ZooKeeperClusterExtension();

	private static final int CALLERS = 200;

	/** Long enough that 20KB holds about a hundred requests, fewer than the callers. */
	private static final String KEY = "k".repeat(150);

	private final ExecutorService callers = Executors.newFixedThreadPool(CALLERS);

	@AfterEach
	void stop() {
		this.callers.shutdownNow();
	}

	@Test
	void requestsPastTheBudgetAreRefusedAndTheSessionsEndLeavesALogEveryServerReads() throws Exception {
		ApplicationContextRunner runner = new ApplicationContextRunner()
			.withConfiguration(AutoConfigurations.of(ZookeeperAutoConfiguration.class,
					ZkWorkflowAutoConfiguration.class, LockAutoConfiguration.class))
			.withPropertyValues("spring.cloud.zookeeper.connect-string=" + ensemble.connectString(),
					"spring.cloud.zookeeper.session-timeout=6s", "spring.cloud.zookeeper.connection-timeout=3s",
					"zk-workflow.ephemeral-budget.max-bytes=20KB")
			.withBean(Jobs.class);
		CuratorFramework observer = ensemble.newClient();
		String dir = new LockPaths(new ZkRoot(ZkRoot.DEFAULT_PATH)).lockDir("shared", KEY);
		runner.run((context) -> {
			assertThat(context).hasNotFailed();
			Jobs jobs = context.getBean(Jobs.class);
			EphemeralBudget budget = context.getBean(EphemeralBudget.class);
			CountDownLatch entered = new CountDownLatch(1);
			CountDownLatch gate = new CountDownLatch(1);
			Future<String> holder = this.callers.submit(() -> jobs.hold(KEY, entered, gate));
			assertThat(entered.await(30, TimeUnit.SECONDS)).isTrue();
			List<Future<String>> waiters = new ArrayList<>();
			for (int i = 1; i < CALLERS; i++) {
				waiters.add(this.callers.submit(() -> jobs.waitFor(KEY)));
			}
			await().atMost(Duration.ofSeconds(20))
				.until(() -> refusals(waiters).size() + observer.getChildren().forPath(dir).size() == CALLERS);
			List<LockNotAcquiredException> refused = refusals(waiters);
			assertThat(refused).as("callers past the budget").hasSizeGreaterThan(CALLERS / 4);
			assertThat(refused).allSatisfy((ex) -> assertThat(ex.getMessage()).contains(
					"ephemeral node budget", "of 20480 bytes", "zk-workflow.ephemeral-budget.max-bytes",
					"jute.maxbuffer on every ZooKeeper server and client"));
			int nodes = observer.getChildren().forPath(dir).size();
			assertThat(nodes).as("one node per caller let through, none for refused calls")
				.isEqualTo(CALLERS - refused.size());
			assertThat(budget.usage().count()).isEqualTo(nodes);
			assertThat(budget.usage().bytes()).isLessThanOrEqualTo(20 * 1024);

			CuratorFramework curator = context.getBean(CuratorFramework.class);
			long expired = curator.getZookeeperClient().getZooKeeper().getSessionId();
			KillSession.kill(curator.getZookeeperClient().getZooKeeper());
			await().atMost(Duration.ofSeconds(20)).until(() -> observer.getChildren().forPath(dir).isEmpty());
			gate.countDown();
			for (Future<String> waiter : waiters) {
				awaitDone(waiter);
			}
			awaitDone(holder);
			await().atMost(Duration.ofSeconds(20))
				.until(() -> curator.getZookeeperClient().isConnected()
						&& curator.getZookeeperClient().getZooKeeper().getSessionId() != expired);
			await().untilAsserted(() -> assertThat(budget.usage().count()).isZero());
		});
		observer.create().withMode(CreateMode.PERSISTENT).forPath("/after-expiry");
		for (InstanceSpec server : ensemble.cluster().getInstances()) {
			assertThat(ensemble.cluster().restartServer(server)).isTrue();
			await().atMost(Duration.ofSeconds(20)).until(() -> serving(server));
		}
		await().atMost(Duration.ofSeconds(20)).until(() -> ensemble.cluster().getInstances().stream()
			.allMatch(LockEphemeralBudgetEnsembleTests::serving));
		CuratorFramework after = ensemble.newClient();
		assertThat(after.blockUntilConnected(20, TimeUnit.SECONDS)).isTrue();
		after.create().forPath("/after-restarts");
		assertThat(after.checkExists().forPath("/after-expiry")).isNotNull();
	}

	private static List<LockNotAcquiredException> refusals(List<Future<String>> calls) {
		List<LockNotAcquiredException> refused = new ArrayList<>();
		for (Future<String> call : calls) {
			if (!call.isDone()) {
				continue;
			}
			try {
				call.get();
			}
			catch (ExecutionException ex) {
				if (ex.getCause() instanceof LockNotAcquiredException notAcquired
						&& notAcquired.getMessage().contains("budget")) {
					refused.add(notAcquired);
				}
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
		}
		return refused;
	}

	private static void awaitDone(Future<String> call) {
		try {
			call.get(30, TimeUnit.SECONDS);
		}
		catch (Exception ex) {
			// a caller whose session expired ends with a lost or not acquired lock: expected
			assertThat(ex).isNotInstanceOf(TimeoutException.class);
		}
	}

	private static boolean serving(InstanceSpec server) {
		try {
			String status = FourLetterWordMain.send4LetterWord("127.0.0.1", server.getPort(), "srvr", false, 2000);
			return status.contains("Mode: leader") || status.contains("Mode: follower");
		}
		catch (Exception ex) {
			return false;
		}
	}

}

package io.zkworkflow.lock;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import io.zkworkflow.internal.ZkRoot;
import io.zkworkflow.test.ZooKeeperServerExtension;
import org.apache.curator.framework.CuratorFramework;
import org.apache.zookeeper.KeeperException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Locking 100,000 distinct keys leaves no znode behind: the server removes the empty container
 * parents. The server checks containers every 100 ms here (one minute by default) and without
 * its 10,000-per-minute cap, so the test does not wait ten minutes.
 */
class LockNodeLeakTests {

	private static final int THREADS = 16;

	static {
		System.setProperty("znode.container.checkIntervalMs", "100");
		System.setProperty("znode.container.maxPerMinute", "100000000");
	}

	@RegisterExtension
	static final ZooKeeperServerExtension zookeeper = new ZooKeeperServerExtension();

	@AfterAll
	static void restoreServerDefaults() {
		System.clearProperty("znode.container.checkIntervalMs");
		System.clearProperty("znode.container.maxPerMinute");
	}

	@Test
	void tenThousandDistinctKeysLeaveNoZnodesBehind() throws Exception {
		lockDistinctKeysAndCount(10_000);
	}

	/**
	 * The acceptance size; about two minutes on two cores, so it runs with the {@code long} tag
	 * ({@code mvn test -Dgroups=long -DexcludedGroups=docker}).
	 */
	@Test
	@Tag("long")
	void hundredThousandDistinctKeysLeaveNoZnodesBehind() throws Exception {
		lockDistinctKeysAndCount(100_000);
	}

	private void lockDistinctKeysAndCount(int keys) throws Exception {
		CuratorFramework curator = zookeeper.newClient();
		assertThat(curator.blockUntilConnected(30, TimeUnit.SECONDS)).isTrue();
		ZkRoot root = new ZkRoot("/zk-workflow");
		if (curator.checkExists().forPath(root.path()) == null) {
			curator.create().creatingParentsIfNeeded().forPath(root.path());
		}
		String locksRoot = root.resolve("locks");
		int before = countBelow(curator, root.path());
		try (DistributedLockTemplate locks = DistributedLockTemplate.create(curator, root.path())) {
			ExecutorService executor = Executors.newFixedThreadPool(THREADS);
			AtomicInteger next = new AtomicInteger();
			List<Future<?>> workers = new ArrayList<>();
			for (int t = 0; t < THREADS; t++) {
				workers.add(executor.submit(() -> {
					for (int i = next.getAndIncrement(); i < keys; i = next.getAndIncrement()) {
						try (LockHandle lock = locks.acquire(LockRequest.exclusive("leak").withKey("key-" + i))) {
							assertThat(lock.isHeld()).isTrue();
						}
					}
					return null;
				}));
			}
			for (Future<?> worker : workers) {
				worker.get(5, TimeUnit.MINUTES);
			}
			executor.shutdown();
		}
		await().atMost(java.time.Duration.ofMinutes(2)).until(() -> countBelow(curator, root.path()) == before);
		assertThat(curator.checkExists().forPath(locksRoot)).isNull();
	}

	private static int countBelow(CuratorFramework curator, String path) throws Exception {
		List<String> children;
		try {
			children = curator.getChildren().forPath(path);
		}
		catch (KeeperException.NoNodeException ex) {
			return 0; // removed while we count: containers go away concurrently
		}
		int count = 0;
		for (String child : children) {
			count += 1 + countBelow(curator, path + "/" + child);
		}
		return count;
	}

}

package io.zkworkflow.task.internal;

import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

import io.zkworkflow.internal.ZkRoot;
import io.zkworkflow.test.ZooKeeperServerExtension;
import org.apache.curator.drivers.TracerDriver;
import org.apache.curator.framework.CuratorFramework;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The pending count refreshes in the background on a thread of its own, not on the JVM's
 * common pool, and picks up what other producers added.
 */
class PendingCounterTests {

	@RegisterExtension
	static final ZooKeeperServerExtension zookeeper = new ZooKeeperServerExtension();

	@Test
	void aStaleCountIsRefreshedOnAThreadOfItsOwn() throws Exception {
		CuratorFramework curator = zookeeper.newClient();
		TaskPaths paths = new TaskPaths(new ZkRoot("/zk-workflow"));
		curator.create().creatingParentsIfNeeded().forPath(paths.readyRoot("count") + "/0/t-1");
		// Curator traces each synchronous operation on the thread that sends it
		Set<String> readers = ConcurrentHashMap.newKeySet();
		curator.getZookeeperClient().setTracerDriver(new TracerDriver() {

			@Override
			public void addTrace(String name, long time, TimeUnit unit) {
				readers.add(Thread.currentThread().getName());
			}

			@Override
			public void addCount(String name, int increment) {
			}

		});
		PendingCounter counter = new PendingCounter(curator, paths, Duration.ofMillis(1));
		assertThat(counter.current("count")).isEqualTo(1);
		curator.create().forPath(paths.readyRoot("count") + "/0/t-2");
		readers.clear();

		await().until(() -> counter.current("count") == 2);
		assertThat(readers).isNotEmpty()
			.allSatisfy((thread) -> assertThat(thread).startsWith("zk-task-pending-count-"));
	}

}

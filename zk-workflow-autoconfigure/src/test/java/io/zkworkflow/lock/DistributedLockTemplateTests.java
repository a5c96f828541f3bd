package io.zkworkflow.lock;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import io.zkworkflow.internal.ZkRoot;
import io.zkworkflow.lock.internal.LockPaths;
import io.zkworkflow.test.ZooKeeperServerExtension;
import org.apache.curator.framework.CuratorFramework;
import org.apache.zookeeper.data.Stat;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.slf4j.MDC;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;
import static org.awaitility.Awaitility.await;

/**
 * {@link DistributedLockTemplate} from plain code: two clients, each its own session.
 */
class DistributedLockTemplateTests {

	@RegisterExtension
	static final ZooKeeperServerExtension zookeeper = new ZooKeeperServerExtension();

	private static final ZkRoot root = new ZkRoot("/zk-workflow");

	private final List<DistributedLockTemplate> templates = new ArrayList<>();

	private final ExecutorService executor = Executors.newCachedThreadPool();

	@AfterEach
	void close() {
		this.executor.shutdownNow();
		this.templates.forEach(DistributedLockTemplate::close);
	}

	private static CuratorFramework connectedClient() throws InterruptedException {
		CuratorFramework curator = zookeeper.newClient();
		assertThat(curator.blockUntilConnected(30, TimeUnit.SECONDS)).isTrue();
		return curator;
	}

	private DistributedLockTemplate template(CuratorFramework curator) {
		DistributedLockTemplate template = DistributedLockTemplate.create(curator, root.path());
		this.templates.add(template);
		return template;
	}

	@Test
	void fencingTokenIsTheCreationZxidOfTheLockNode() throws Exception {
		CuratorFramework curator = connectedClient();
		DistributedLockTemplate locks = template(curator);
		try (LockHandle lock = locks.acquire(LockRequest.exclusive("token").withKey("k"))) {
			String dir = new LockPaths(root).lockDir("token", "k");
			List<String> children = curator.getChildren().forPath(dir);
			assertThat(children).hasSize(1);
			Stat stat = curator.checkExists().forPath(dir + "/" + children.get(0));
			assertThat(lock.fencingToken()).isEqualTo(stat.getCzxid());
		}
	}

	@Test
	void secondClientIsRefusedWhileTheFirstHoldsAndNamesTheHolder() throws Exception {
		DistributedLockTemplate first = template(connectedClient());
		DistributedLockTemplate second = template(connectedClient());
		try (LockHandle held = first.acquire(LockRequest.exclusive("busy"))) {
			assertThatExceptionOfType(LockNotAcquiredException.class)
				.isThrownBy(() -> second.acquire(LockRequest.exclusive("busy")))
				.withMessageContaining("Lock 'busy' not acquired")
				.withMessageContaining("current holder: ")
				.withMessageContaining(Thread.currentThread().getName());
		}
		// close() deletes the first's node in the background, on its own session: the second
		// may still see it for a moment, so it waits rather than asking once
		try (LockHandle later = second.acquire(LockRequest.exclusive("busy").withWaitTime(Duration.ofSeconds(30)))) {
			assertThat(later.isHeld()).isTrue();
		}
	}

	@Test
	void waitersAreServedInArrivalOrder() throws Exception {
		DistributedLockTemplate holder = template(connectedClient());
		DistributedLockTemplate b = template(connectedClient());
		DistributedLockTemplate c = template(connectedClient());
		CuratorFramework observer = connectedClient();
		String dir = new LockPaths(root).lockDir("fifo", null);
		List<String> order = Collections.synchronizedList(new ArrayList<>());
		LockRequest request = LockRequest.exclusive("fifo").withWaitTime(Duration.ofSeconds(30));
		LockHandle held = holder.acquire(request);
		Future<?> second = this.executor.submit(() -> b.execute(request, () -> order.add("b")));
		await().until(() -> observer.getChildren().forPath(dir).size() == 2);
		Future<?> third = this.executor.submit(() -> c.execute(request, () -> order.add("c")));
		await().until(() -> observer.getChildren().forPath(dir).size() == 3);
		held.close();
		second.get(30, TimeUnit.SECONDS);
		third.get(30, TimeUnit.SECONDS);
		assertThat(order).containsExactly("b", "c");
	}

	@Test
	void sameThreadReentersWithTheSameToken() throws Exception {
		DistributedLockTemplate locks = template(connectedClient());
		LockRequest request = LockRequest.exclusive("reentrant").withKey("k");
		Long inner = locks.execute(request, () -> {
			long outer = LockContext.current().fencingToken();
			assertThat(MDC.get("zk.workflow.lock.token")).isEqualTo(Long.toString(outer));
			return locks.execute(request, () -> {
				assertThat(LockContext.current().fencingToken()).isEqualTo(outer);
				return LockContext.current().fencingToken();
			});
		});
		assertThat(inner).isPositive();
		assertThat(LockContext.currentOrNull()).isNull();
		assertThat(MDC.get("zk.workflow.lock.token")).isNull();
		assertThat(locks.heldLocks()).isEmpty();
	}

	@Test
	void semaphoreAdmitsPermitsHolders() throws Exception {
		DistributedLockTemplate first = template(connectedClient());
		DistributedLockTemplate second = template(connectedClient());
		LockRequest request = LockRequest.exclusive("sem").withMode(LockMode.SEMAPHORE).withPermits(2);
		try (LockHandle a = first.acquire(request); LockHandle b = second.acquire(request)) {
			assertThat(b.fencingToken()).isGreaterThan(a.fencingToken());
			DistributedLockTemplate third = template(connectedClient());
			assertThatExceptionOfType(LockNotAcquiredException.class).isThrownBy(() -> third.acquire(request))
				.withMessageContaining("all 2 permits are taken");
		}
		try (LockHandle again = second.acquire(request)) {
			assertThat(again.isHeld()).isTrue();
		}
	}

	@Test
	void readToWriteUpgradeFailsFast() throws Exception {
		DistributedLockTemplate locks = template(connectedClient());
		LockRequest read = LockRequest.exclusive("upgrade").withMode(LockMode.READ);
		locks.execute(read, () -> {
			assertThatIllegalStateException()
				.isThrownBy(() -> locks.acquire(read.withMode(LockMode.WRITE).withWaitTime(Duration.ofMinutes(1))))
				.withMessageContaining("Cannot upgrade")
				.withMessageContaining("from READ to WRITE");
			return null;
		});
	}

	@Test
	void waitTimeIsHonouredWhenZooKeeperIsUnreachable() throws Exception {
		CuratorFramework curator = connectedClient();
		DistributedLockTemplate locks = template(curator);
		locks.execute(LockRequest.exclusive("unreachable"), () -> null);
		zookeeper.server().stop();
		try {
			await().until(() -> !curator.getZookeeperClient().isConnected());
			assertThatExceptionOfType(LockNotAcquiredException.class)
				.isThrownBy(() -> locks.acquire(LockRequest.exclusive("unreachable").withWaitTime(Duration.ofMillis(300))))
				.withMessageContaining("ZooKeeper is not reachable");
		}
		finally {
			zookeeper.server().restart();
		}
	}

}

package io.zkworkflow.lock.internal;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import io.zkworkflow.internal.ZkRoot;
import io.zkworkflow.lock.DistributedLockTemplate;
import io.zkworkflow.lock.LockContext;
import io.zkworkflow.lock.LockLostEvent;
import io.zkworkflow.lock.LockLostException;
import io.zkworkflow.lock.LockRequest;
import io.zkworkflow.lock.LockState;
import io.zkworkflow.test.ZooKeeperServerExtension;
import org.apache.curator.framework.CuratorFramework;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.awaitility.Awaitility.await;

/**
 * The watch on a held lock's node, which is set only once the lock has been held for a while,
 * and the release that confirms the node was still ours: a deletion by someone else is a loss
 * whenever it happens, our own release never is.
 */
class LockNodeWatchTests {

	@RegisterExtension
	static final ZooKeeperServerExtension zookeeper = new ZooKeeperServerExtension();

	private final List<LockLostEvent> lost = new CopyOnWriteArrayList<>();

	private static final LockPaths PATHS = new LockPaths(new ZkRoot("/zk-workflow"));

	private final ExecutorService executor = Executors.newCachedThreadPool();

	private CuratorFramework other;

	private DistributedLockTemplate locks;

	@BeforeEach
	void start() throws InterruptedException {
		CuratorFramework curator = zookeeper.newClient();
		assertThat(curator.blockUntilConnected(30, TimeUnit.SECONDS)).isTrue();
		this.locks = DistributedLockTemplate.builder(curator, "/zk-workflow")
			.lockLostListener(this.lost::add)
			.build();
		this.other = zookeeper.newClient();
	}

	@AfterEach
	void stop() {
		this.executor.shutdownNow();
		this.locks.close();
	}

	@Test
	void lockHeldPastTheWatchDelayIsWatchedAndItsOwnReleaseIsNoLoss() throws Exception {
		CountDownLatch watched = new CountDownLatch(1);
		CountDownLatch finish = new CountDownLatch(1);
		Future<String> call = this.executor.submit(() -> this.locks.execute(LockRequest.exclusive("watched"), () -> {
			HeldLock lock = (HeldLock) LockContext.current();
			await().until(() -> lock.nodeWatched);
			watched.countDown();
			finish.await();
			return "done";
		}));
		assertThat(watched.await(30, TimeUnit.SECONDS)).isTrue();
		finish.countDown();
		assertThat(call.get(30, TimeUnit.SECONDS)).isEqualTo("done");
		assertThat(this.locks.heldLocks()).isEmpty();
		assertThat(this.lost).isEmpty();
	}

	@Test
	void manyShortCallsReleaseWithoutAnyLoss() throws Exception {
		for (int i = 0; i < 200; i++) {
			assertThat(this.locks.execute(LockRequest.exclusive("short").withKey("k" + (i % 3)), () -> "ok"))
				.isEqualTo("ok");
		}
		assertThat(this.lost).isEmpty();
		for (int k = 0; k < 3; k++) {
			assertThat(this.other.getChildren().forPath(PATHS.lockDir("short", "k" + k))).isEmpty();
		}
	}

	@Test
	void clientWithANamespaceReleasesAndConfirmsItsLocks() throws Exception {
		CuratorFramework curator = zookeeper.newClient();
		assertThat(curator.blockUntilConnected(30, TimeUnit.SECONDS)).isTrue();
		CuratorFramework namespaced = curator.usingNamespace("apps");
		try (DistributedLockTemplate namespacedLocks = DistributedLockTemplate
			.builder(namespaced, "/zk-workflow")
			.lockLostListener(this.lost::add)
			.build()) {
			for (int i = 0; i < 20; i++) {
				assertThat(namespacedLocks.execute(LockRequest.exclusive("namespaced"), () -> "ok")).isEqualTo("ok");
			}
			String dir = PATHS.lockDir("namespaced", null);
			assertThat(this.other.checkExists().forPath("/apps" + dir)).isNotNull();
			assertThat(this.other.getChildren().forPath("/apps" + dir)).isEmpty();
		}
		assertThat(this.lost).isEmpty();
	}

	@Test
	void nodeDeletedByAnotherClientBeforeTheWatchIsSetIsALossWhenTheCallEnds() {
		long[] token = new long[1];
		assertThatExceptionOfType(LockLostException.class)
			.isThrownBy(() -> this.locks.execute(LockRequest.exclusive("early"), () -> {
				HeldLock lock = (HeldLock) LockContext.current();
				token[0] = lock.fencingToken();
				this.other.delete().forPath(lock.path());
				return "finished as if held";
			}))
			.satisfies((loss) -> {
				assertThat(loss.getFencingToken()).isEqualTo(token[0]);
				assertThat(loss.getResult()).isEqualTo("finished as if held");
			});
		assertThat(this.lost).singleElement()
			.satisfies((event) -> assertThat(event.getFencingToken()).isEqualTo(token[0]));
	}

	@Test
	void nodeDeletedByAnotherClientWhileWatchedIsALossDuringTheCall() {
		assertThatExceptionOfType(LockLostException.class)
			.isThrownBy(() -> this.locks.execute(LockRequest.exclusive("late"), () -> {
				HeldLock lock = (HeldLock) LockContext.current();
				await().until(() -> lock.nodeWatched);
				this.other.delete().forPath(lock.path());
				await().until(() -> lock.state() == LockState.LOST);
				assertThat(lock.describeState()).contains("was deleted");
				return null;
			}))
			.withMessageContaining("was deleted");
		assertThat(this.lost).hasSize(1);
	}

}

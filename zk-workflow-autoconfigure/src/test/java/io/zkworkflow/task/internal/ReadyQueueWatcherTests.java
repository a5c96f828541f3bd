package io.zkworkflow.task.internal;

import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import io.zkworkflow.test.ZooKeeperServerExtension;
import org.apache.curator.framework.CuratorFramework;
import org.apache.zookeeper.CreateMode;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * {@link ReadyQueueWatcher} on a real ZooKeeper, two instances with their own sessions: each
 * watches only the shards it owns, a busy instance hears nothing of the other's shards, an
 * idle one helps by taking what an owner leaves waiting, and the shards of an instance that
 * left are watched by the others.
 */
class ReadyQueueWatcherTests {

	private static final int SHARDS = 8;

	private static final String ROOT = "/watcher/q";

	@RegisterExtension
	static final ZooKeeperServerExtension zookeeper = new ZooKeeperServerExtension();

	private final AtomicReference<List<String>> members = new AtomicReference<>(List.of("a", "b"));

	private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor();

	private CuratorFramework producer;

	private CuratorFramework sessionA;

	private CuratorFramework sessionB;

	private ReadyQueueWatcher a;

	private ReadyQueueWatcher b;

	@BeforeEach
	void shards() throws Exception {
		this.producer = zookeeper.newClient();
		for (int shard = 0; shard < SHARDS; shard++) {
			this.producer.create().creatingParentsIfNeeded().forPath(ROOT + "/" + shard);
		}
		this.sessionA = zookeeper.newClient();
		this.sessionB = zookeeper.newClient();
		this.a = new ReadyQueueWatcher(this.sessionA, ROOT, new ShardOwnership("a", this.members::get), SHARDS,
				this.timer, (path) -> null);
		this.b = new ReadyQueueWatcher(this.sessionB, ROOT, new ShardOwnership("b", this.members::get), SHARDS,
				this.timer, (path) -> null);
	}

	@AfterEach
	void close() throws Exception {
		this.a.close();
		this.b.close();
		this.timer.shutdownNow();
		this.sessionA.close();
		this.sessionB.close();
		this.producer.delete().deletingChildrenIfNeeded().forPath("/watcher");
		this.producer.close();
	}

	@Test
	void everyShardIsWatchedByItsOwnerAlone() {
		this.a.start();
		this.b.start();

		Set<String> all = new HashSet<>();
		for (int shard = 0; shard < SHARDS; shard++) {
			all.add(Integer.toString(shard));
		}
		assertThat(this.a.ownedShards()).isNotEmpty().doesNotContainAnyElementsOf(this.b.ownedShards());
		Set<String> union = new HashSet<>(this.a.ownedShards());
		union.addAll(this.b.ownedShards());
		assertThat(union).isEqualTo(all);
		ShardOwnership ownershipOfA = new ShardOwnership("a", this.members::get);
		assertThat(this.a.ownedShards()).allMatch(ownershipOfA::owns);
	}

	@Test
	void aBusyInstanceHearsNothingOfTheOtherInstancesShards() throws Exception {
		startBothUntilBIsBusy();
		String shardOfA = this.a.ownedShards().iterator().next();
		String shardOfB = this.b.ownedShards().iterator().next();

		String forA = create(shardOfA);
		create(shardOfB);

		// notifications reach a session in the order of the changes: b has heard of its own
		// node, so it would have heard of a's before, if it were told of it
		await().atMost(Duration.ofSeconds(5)).until(() -> this.b.knownNodes(shardOfB) == 1);
		assertThat(this.b.knownNodes(shardOfA)).isZero();
		ReadyNode taken = this.a.take(5, TimeUnit.SECONDS);
		assertThat(taken).isNotNull();
		assertThat(taken.path()).isEqualTo(forA);
	}

	@Test
	void anIdleInstanceTakesWhatAnOwnerLeavesWaiting() throws Exception {
		startBothUntilBIsBusy();
		String shardOfA = this.a.ownedShards().iterator().next();
		// a never takes anything (all its threads busy, say): its node waits
		String waiting = create(shardOfA);
		// b, not helping, has not heard of it; once a thread of b waits for work, b helps

		long started = System.nanoTime();
		ReadyNode taken = this.b.take(10, TimeUnit.SECONDS);

		assertThat(taken).isNotNull();
		assertThat(taken.path()).isEqualTo(waiting);
		assertThat(System.nanoTime() - started).isGreaterThanOrEqualTo(ReadyCandidates.STEAL_AFTER_NANOS);
		assertThat(this.b.isHelping()).isTrue();
	}

	@Test
	void theShardsOfAnInstanceThatLeftAreWatchedByTheOthers() throws Exception {
		// a is a member but never started: it crashed, its member node not yet gone
		this.b.start();
		await().atMost(Duration.ofSeconds(5)).until(() -> !this.b.isHelping());
		Set<String> ownedWhileABelongs = this.b.ownedShards();
		String orphanShard = null;
		for (int shard = 0; shard < SHARDS; shard++) {
			if (!ownedWhileABelongs.contains(Integer.toString(shard))) {
				orphanShard = Integer.toString(shard);
			}
		}
		assertThat(orphanShard).isNotNull();
		String orphan = create(orphanShard);

		// a's member node goes away
		this.members.set(List.of("b"));
		this.b.followOwnership();

		String shard = orphanShard;
		await().atMost(Duration.ofSeconds(5)).until(() -> this.b.ownedShards().size() == SHARDS);
		await().atMost(Duration.ofSeconds(5)).until(() -> this.b.knownNodes(shard) == 1);
		ReadyNode taken = this.b.take(5, TimeUnit.SECONDS);
		assertThat(taken).isNotNull();
		assertThat(taken.path()).isEqualTo(orphan);
	}

	/** Start both; no thread of b waits for work, so after two ticks b stops helping. */
	private void startBothUntilBIsBusy() {
		this.a.start();
		this.b.start();
		await().atMost(Duration.ofSeconds(5)).until(() -> !this.b.isHelping());
	}

	private String create(String shard) throws Exception {
		return this.producer.create()
			.withMode(CreateMode.PERSISTENT_SEQUENTIAL)
			.forPath(ROOT + "/" + shard + "/" + TaskUids.next(System.currentTimeMillis(), SHARDS) + "-", new byte[0]);
	}

}

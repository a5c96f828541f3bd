package io.zkworkflow.task.internal;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import io.zkworkflow.test.ZooKeeperServerExtension;
import org.apache.curator.framework.CuratorFramework;
import org.apache.zookeeper.KeeperException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@link ReadyNode} on a real ZooKeeper: a prefetched read gives the node's data and stat, a
 * node gone before the read gives {@code null}, and a failed prefetch falls back to reading.
 */
class ReadyNodeTests {

	@RegisterExtension
	static final ZooKeeperServerExtension zookeeper = new ZooKeeperServerExtension();

	@Test
	void prefetchedReadHoldsDataAndVersion() throws Exception {
		try (CuratorFramework curator = zookeeper.newClient()) {
			curator.create().creatingParentsIfNeeded().forPath("/ready/a", new byte[] { 7, 8 });
			CompletableFuture<ReadyNode.Content> early = new CompletableFuture<>();

			ReadyNode.prefetch(curator, "/ready/a", early);
			early.get(10, TimeUnit.SECONDS);
			// the node goes away after the prefetch: the early content is still what a claim
			// uses, and the claim's versioned delete is what then fails
			curator.delete().forPath("/ready/a");
			ReadyNode.Content content = new ReadyNode("/ready/a", early).read(curator);

			assertThat(content).isNotNull();
			assertThat(content.data()).containsExactly(7, 8);
			assertThat(content.stat().getVersion()).isZero();
		}
	}

	@Test
	void nodeGoneBeforeTheReadGivesNull() throws Exception {
		try (CuratorFramework curator = zookeeper.newClient()) {
			CompletableFuture<ReadyNode.Content> early = new CompletableFuture<>();
			ReadyNode.prefetch(curator, "/ready/missing", early);

			assertThat(new ReadyNode("/ready/missing", early).read(curator)).isNull();
			assertThat(new ReadyNode("/ready/missing", null).read(curator)).isNull();
		}
	}

	@Test
	void withoutOrAfterAFailedPrefetchTheNodeIsReadNow() throws Exception {
		try (CuratorFramework curator = zookeeper.newClient()) {
			curator.create().creatingParentsIfNeeded().forPath("/ready/b", new byte[] { 3 });
			CompletableFuture<ReadyNode.Content> failed = CompletableFuture
				.failedFuture(new KeeperException.ConnectionLossException());

			assertThat(new ReadyNode("/ready/b", failed).read(curator).data()).containsExactly(3);
			assertThat(new ReadyNode("/ready/b", null).read(curator).data()).containsExactly(3);
		}
	}

}

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
 * {@link ReadyNode} on a real ZooKeeper: a prefetched read of the data node is the one a claim
 * uses, a data node that does not exist gives {@code null}, and a failed read is done again.
 */
class ReadyNodeTests {

	@RegisterExtension
	static final ZooKeeperServerExtension zookeeper = new ZooKeeperServerExtension();

	@Test
	void prefetchedReadIsTheOneUsed() throws Exception {
		try (CuratorFramework curator = zookeeper.newClient()) {
			curator.create().creatingParentsIfNeeded().forPath("/data/a", new byte[] { 7, 8 });
			CompletableFuture<ReadyNode.Content> early = ReadyNode.read(curator, "/data/a");
			early.get(10, TimeUnit.SECONDS);
			// the data node goes away after the prefetch (the task ended): the early content is
			// what the claim uses, and the claim is what then fails
			curator.delete().forPath("/data/a");
			ReadyNode node = new ReadyNode("/q/0/a-0000000001", early);

			assertThat(node.data(curator, "/data/a")).isSameAs(early);
			ReadyNode.Content content = ReadyNode.await(node.data(curator, "/data/a"), curator, "/data/a");
			assertThat(content).isNotNull();
			assertThat(content.data()).containsExactly(7, 8);
		}
	}

	@Test
	void missingDataNodeGivesNull() throws Exception {
		try (CuratorFramework curator = zookeeper.newClient()) {
			CompletableFuture<ReadyNode.Content> early = ReadyNode.read(curator, "/data/missing");

			assertThat(ReadyNode.await(early, curator, "/data/missing")).isNull();
			ReadyNode unread = new ReadyNode("/q/0/missing-0000000001", null);
			assertThat(ReadyNode.await(unread.data(curator, "/data/missing"), curator, "/data/missing")).isNull();
		}
	}

	@Test
	void withoutOrAfterAFailedPrefetchTheDataNodeIsReadNow() throws Exception {
		try (CuratorFramework curator = zookeeper.newClient()) {
			curator.create().creatingParentsIfNeeded().forPath("/data/b", new byte[] { 3 });
			CompletableFuture<ReadyNode.Content> failed = CompletableFuture
				.failedFuture(new KeeperException.ConnectionLossException());

			assertThat(ReadyNode.await(failed, curator, "/data/b").data()).containsExactly(3);
			ReadyNode unread = new ReadyNode("/q/0/b-0000000001", null);
			assertThat(ReadyNode.await(unread.data(curator, "/data/b"), curator, "/data/b").data())
				.containsExactly(3);
		}
	}

}

package io.zkworkflow.task.internal;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import io.zkworkflow.test.ZooKeeperServerExtension;
import org.apache.curator.framework.CuratorFramework;
import org.apache.curator.framework.api.transaction.CuratorOp;
import org.apache.zookeeper.CreateMode;
import org.apache.zookeeper.KeeperException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * {@link MultiBatcher} on a real ZooKeeper: transactions queued together go in one multi, and
 * one refused transaction (its lease gone) fails alone while the others of its batch commit.
 */
class MultiBatcherTests {

	@RegisterExtension
	static final ZooKeeperServerExtension zookeeper = new ZooKeeperServerExtension();

	@Test
	void oneLostLeaseRefusesOnlyItsOwnCompletion() throws Exception {
		try (CuratorFramework curator = zookeeper.newClient()) {
			String root = "/batch-lease";
			List<List<CuratorOp>> completions = new ArrayList<>();
			for (int i = 0; i < 5; i++) {
				String run = root + "/run/" + i;
				curator.create().creatingParentsIfNeeded().forPath(run);
				curator.create().withMode(CreateMode.EPHEMERAL).forPath(run + "/lease");
				completions.add(completion(curator, root, i));
			}
			// task 2's lease is gone (session expired, or requeued by the coordinator)
			curator.delete().forPath(root + "/run/2/lease");
			// a single slot: all five are queued before the first multi is sent, so they share it
			List<CompletableFuture<Void>> results = new MultiBatcher(curator, 1).submitAll(completions);

			for (int i = 0; i < 5; i++) {
				if (i == 2) {
					assertThatThrownBy(() -> results.get(2).get(10, TimeUnit.SECONDS))
						.isInstanceOf(ExecutionException.class)
						.cause()
						.isInstanceOf(TransactionRefusedException.class)
						.satisfies((ex) -> assertThat(Transactions.failure((Exception) ex))
							.isEqualTo(new Transactions.Failure(TaskOps.LEASE_INDEX, KeeperException.Code.NONODE)));
					assertThat(curator.checkExists().forPath(root + "/run/2")).isNotNull();
					assertThat(curator.checkExists().forPath(root + "/done/2")).isNull();
				}
				else {
					results.get(i).get(10, TimeUnit.SECONDS);
					assertThat(curator.checkExists().forPath(root + "/run/" + i)).isNull();
					assertThat(new String(curator.getData().forPath(root + "/done/" + i), StandardCharsets.UTF_8))
						.isEqualTo("output-" + i);
				}
			}
		}
	}

	@Test
	void severalRefusalsInOneBatchEachFailOnlyTheirOwn() throws Exception {
		try (CuratorFramework curator = zookeeper.newClient()) {
			String root = "/batch-claims";
			List<List<CuratorOp>> claims = new ArrayList<>();
			for (int i = 0; i < 6; i++) {
				curator.create().creatingParentsIfNeeded().forPath(root + "/q/" + i, new byte[] { 1 });
				claims.add(List.of(curator.transactionOp().delete().withVersion(0).forPath(root + "/q/" + i),
						curator.transactionOp().create().forPath(root + "/run-" + i)));
			}
			// another claimer took 1 (gone) and 4 was changed (version no longer 0)
			curator.delete().forPath(root + "/q/1");
			curator.setData().forPath(root + "/q/4", new byte[] { 2 });

			List<CompletableFuture<Void>> results = new MultiBatcher(curator, 1).submitAll(claims);

			for (int i = 0; i < 6; i++) {
				CompletableFuture<Void> result = results.get(i);
				if (i == 1 || i == 4) {
					assertThatThrownBy(() -> result.get(10, TimeUnit.SECONDS)).cause()
						.isInstanceOf(TransactionRefusedException.class)
						.hasMessageContaining(root + "/q/" + i);
					assertThat(curator.checkExists().forPath(root + "/run-" + i)).isNull();
				}
				else {
					result.get(10, TimeUnit.SECONDS);
					assertThat(curator.checkExists().forPath(root + "/q/" + i)).isNull();
					assertThat(curator.checkExists().forPath(root + "/run-" + i)).isNotNull();
				}
			}
		}
	}

	@Test
	void transactionsRacingForOneNodeInOneBatchLoseOnlyOnceTheWinnerCommitted() throws Exception {
		try (CuratorFramework curator = zookeeper.newClient()) {
			String root = "/batch-race";
			curator.create().forPath(root);
			List<List<CuratorOp>> racers = new ArrayList<>();
			for (int i = 0; i < 4; i++) {
				// as submits with one idempotency key: [marker, own data node]
				racers.add(List.of(
						curator.transactionOp().create().forPath(root + "/marker", ("" + i).getBytes(StandardCharsets.UTF_8)),
						curator.transactionOp().create().forPath(root + "/data-" + i)));
			}
			List<CompletableFuture<Boolean>> markerSeenByLosers = new ArrayList<>();

			List<CompletableFuture<Void>> results = new MultiBatcher(curator, 1).submitAll(racers);
			for (int i = 1; i < 4; i++) {
				CompletableFuture<Boolean> seen = new CompletableFuture<>();
				markerSeenByLosers.add(seen);
				// asked on the same session the moment a loser fails: ZooKeeper answers in order
				results.get(i).whenComplete((committed, failed) -> exists(curator, root + "/marker", seen));
			}

			results.get(0).get(10, TimeUnit.SECONDS);
			for (int i = 1; i < 4; i++) {
				assertThatThrownBy(results.get(i)::join).cause()
					.isInstanceOf(TransactionRefusedException.class)
					.satisfies((ex) -> assertThat(((KeeperException) ex).code()).isEqualTo(KeeperException.Code.NODEEXISTS));
				assertThat(curator.checkExists().forPath(root + "/data-" + i)).isNull();
			}
			// a loser that reads the marker after its failure finds the winner's, never nothing
			assertThat(markerSeenByLosers).allSatisfy((seen) -> assertThat(seen.get(10, TimeUnit.SECONDS)).isTrue());
			assertThat(new String(curator.getData().forPath(root + "/marker"), StandardCharsets.UTF_8)).isEqualTo("0");
		}
	}

	private static void exists(CuratorFramework curator, String path, CompletableFuture<Boolean> seen) {
		try {
			curator.checkExists()
				.inBackground((client, event) -> seen.complete(event.getStat() != null))
				.forPath(path);
		}
		catch (Exception ex) {
			seen.completeExceptionally(ex);
		}
	}

	@Test
	void missingBucketParentIsCreatedAndTheBatchCommits() throws Exception {
		try (CuratorFramework curator = zookeeper.newClient()) {
			String bucket = "/batch-parent/tasks/t/done/42";
			List<List<CuratorOp>> creates = new ArrayList<>();
			for (int i = 0; i < 3; i++) {
				creates.add(List.of(curator.transactionOp().create().forPath(bucket + "/" + i)));
			}

			new MultiBatcher(curator).submitAll(creates).forEach(CompletableFuture::join);

			assertThat(curator.getChildren().forPath(bucket)).containsExactlyInAnyOrder("0", "1", "2");
			// a done bucket is a container, which the server removes once empty
			assertThat(Transactions.modeOf(bucket)).isEqualTo(CreateMode.CONTAINER);
		}
	}

	@Test
	void blockingCommitThrowsTheRefusalWithTheIndexInItsOwnTransaction() throws Exception {
		try (CuratorFramework curator = zookeeper.newClient()) {
			curator.create().creatingParentsIfNeeded().forPath("/batch-blocking/run");
			MultiBatcher batcher = new MultiBatcher(curator);
			List<CuratorOp> ops = List.of(curator.transactionOp().delete().forPath("/batch-blocking/run"),
					curator.transactionOp().delete().withVersion(0).forPath("/batch-blocking/run/lease"));

			assertThatThrownBy(() -> batcher.commit(ops)).isInstanceOf(KeeperException.class)
				.satisfies((ex) -> assertThat(Transactions.failure((Exception) ex))
					.isEqualTo(new Transactions.Failure(1, KeeperException.Code.NONODE)));
			assertThat(curator.checkExists().forPath("/batch-blocking/run")).isNotNull();
		}
	}

	private static List<CuratorOp> completion(CuratorFramework curator, String root, int task) throws Exception {
		String run = root + "/run/" + task;
		return List.of(curator.transactionOp().delete().withVersion(0).forPath(run + "/lease"),
				curator.transactionOp().delete().forPath(run),
				// no done parent yet: the batcher creates it and sends the batch again
				curator.transactionOp().create().forPath(root + "/done/" + task, ("output-" + task).getBytes(StandardCharsets.UTF_8)));
	}

}

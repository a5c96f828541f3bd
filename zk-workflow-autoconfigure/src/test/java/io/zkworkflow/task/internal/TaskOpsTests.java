package io.zkworkflow.task.internal;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.zkworkflow.internal.ZkRoot;
import io.zkworkflow.task.AttemptLimits;
import io.zkworkflow.task.TaskAttempt;
import io.zkworkflow.test.ZooKeeperServerExtension;
import org.apache.curator.framework.CuratorFramework;
import org.apache.curator.framework.api.transaction.CuratorOp;
import org.apache.zookeeper.CreateMode;
import org.apache.zookeeper.KeeperException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.StringNode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * The protocol's transactions ({@link TaskOps}) on a real ZooKeeper: where a task is after a
 * submit, a claim, and each way an attempt ends, and that a claim needs nothing from the
 * task's data node, and that it leaves a marker with no task behind it in place.
 */
class TaskOpsTests {

	@RegisterExtension
	static final ZooKeeperServerExtension zookeeper = new ZooKeeperServerExtension();

	private static int roots;

	private final TaskCodec codec = new TaskCodec(JsonMapper.builder().build());

	private CuratorFramework curator;

	private TaskPaths paths;

	private Transactions transactions;

	@AfterEach
	void close() {
		this.curator.close();
	}

	@BeforeEach
	void start() {
		this.curator = zookeeper.newClient();
		this.paths = new TaskPaths(new ZkRoot("/ops-" + (roots++)));
		this.transactions = new Transactions(this.curator);
	}

	@Test
	void submitWritesTheTaskOnceAndAnEmptyMarker() throws Exception {
		TaskRecord task = submit(0);

		assertThat(read(this.paths.data("t", task.uid()))).isEqualTo(task);
		String marker = onlyMarker(task);
		assertThat(this.curator.getData().forPath(marker)).isEmpty();
		assertThat(this.paths.dataFor("t", marker)).isEqualTo(this.paths.data("t", task.uid()));
	}

	@Test
	void claimMovesTheMarkerToARunNodeWithALeaseAndLeavesTheTaskInPlace() throws Exception {
		TaskRecord task = submit(0);
		String runPath = claim(task);

		assertThat(this.curator.getChildren().forPath(this.paths.readyShard("t", TaskUids.shard(task.uid()))))
			.isEmpty();
		assertThat(this.curator.checkExists().forPath(this.paths.lease(runPath))).isNotNull();
		assertThat(this.codec.read(this.curator.getData().forPath(runPath), RunRecord.class).owner())
			.isEqualTo("worker-1");
		assertThat(read(this.paths.data("t", task.uid()))).isEqualTo(task);
		// a second claim of the same marker is refused: only one claimer deletes it
		assertThatExceptionOfType(KeeperException.class).isThrownBy(() -> claimAt(markerOf(runPath)));
	}

	@Test
	void aMarkerWithoutATaskIsNotConsumedByAClaim() throws Exception {
		String uid = TaskUids.next(System.currentTimeMillis(), 4);
		String shard = this.paths.readyShard("t", TaskUids.shard(uid));
		String stray = this.curator.create()
			.creatingParentsIfNeeded()
			.withMode(CreateMode.PERSISTENT_SEQUENTIAL)
			.forPath(shard + "/" + uid + "-", "written by hand".getBytes(StandardCharsets.UTF_8));

		assertThatExceptionOfType(KeeperException.class).isThrownBy(() -> claimAt(stray))
			.satisfies((ex) -> assertThat(Transactions.failure(ex))
				.isEqualTo(new Transactions.Failure(TaskOps.CLAIM_DATA_INDEX, KeeperException.Code.NONODE)));
		assertThat(this.curator.getData().forPath(stray)).asString().isEqualTo("written by hand");
	}

	@Test
	void retryDueNowUpdatesTheTaskAndQueuesANewMarker() throws Exception {
		TaskRecord task = submit(0);
		String runPath = claim(task);
		TaskRecord retry = task.running(claimRecord()).retryAt(0, "boom");

		List<CuratorOp> ops = TaskOps.endAttempt(this.curator, this.paths, runPath);
		ops.addAll(TaskOps.requeue(this.curator, this.paths, this.codec, retry));
		this.transactions.commit(ops);

		assertThat(this.curator.checkExists().forPath(runPath)).isNull();
		TaskRecord stored = read(this.paths.data("t", task.uid()));
		assertThat(stored.attempts()).isEqualTo(1);
		assertThat(stored.error()).isEqualTo("boom");
		assertThat(onlyMarker(task)).isNotEqualTo(markerOf(runPath));
	}

	@Test
	void retryLaterMovesTheTaskToADelayNode() throws Exception {
		TaskRecord task = submit(0);
		String runPath = claim(task);
		long due = System.currentTimeMillis() + 60_000;
		TaskRecord retry = task.running(claimRecord()).retryAt(due, "later");

		List<CuratorOp> ops = TaskOps.endAttempt(this.curator, this.paths, runPath);
		ops.addAll(TaskOps.requeue(this.curator, this.paths, this.codec, retry));
		this.transactions.commit(ops);

		assertThat(this.curator.checkExists().forPath(this.paths.data("t", task.uid()))).isNull();
		assertThat(read(this.paths.delayed("t", due, task.uid())).attempts()).isEqualTo(1);
		assertThat(this.curator.getChildren().forPath(this.paths.readyShard("t", TaskUids.shard(task.uid()))))
			.isEmpty();
	}

	@Test
	void handBackQueuesTheTaskAgainWithoutCountingTheAttempt() throws Exception {
		TaskRecord task = submit(0);
		String runPath = claim(task);
		AttemptRecord handedBack = AttemptHistory.attempt(1, "me", 1, 2, TaskAttempt.Outcome.HANDED_BACK, null, null, 0);

		List<CuratorOp> ops = TaskOps.endAttempt(this.curator, this.paths, runPath);
		ops.addAll(TaskOps.handBack(this.curator, this.paths, this.codec,
				task.running(claimRecord()).handedBack(handedBack)));
		this.transactions.commit(ops);

		assertThat(read(this.paths.data("t", task.uid()))).isEqualTo(task.withAttempt(handedBack));
		assertThat(read(this.paths.data("t", task.uid())).attemptHistory()).containsExactly(handedBack);
		assertThat(onlyMarker(task)).isNotEqualTo(markerOf(runPath));
	}

	@Test
	void finishingRemovesTheTaskAndALostLeaseRefusesIt() throws Exception {
		TaskRecord task = submit(0);
		String runPath = claim(task);
		List<CuratorOp> ops = new ArrayList<>(TaskOps.endAttempt(this.curator, this.paths, runPath));
		ops.add(TaskOps.finish(this.curator, this.paths, task));

		this.curator.delete().forPath(this.paths.lease(runPath));
		assertThatExceptionOfType(KeeperException.class).isThrownBy(() -> this.transactions.commit(ops));
		assertThat(this.curator.checkExists().forPath(this.paths.data("t", task.uid()))).isNotNull();

		this.curator.create().forPath(this.paths.lease(runPath));
		this.transactions.commit(ops);
		assertThat(this.curator.checkExists().forPath(this.paths.data("t", task.uid()))).isNull();
		assertThat(this.curator.checkExists().forPath(runPath)).isNull();
	}

	@Test
	void aRecordWrittenWithoutTraceHeadersReadsAsUntraced() {
		String old = "{\"uid\":\"u\",\"name\":\"t\",\"key\":null,\"attempts\":0,\"submittedAt\":1,\"dueAt\":0,"
				+ "\"error\":null,\"attributes\":{},\"payload\":\"p\",\"owner\":null,\"deadline\":0,"
				+ "\"maxAttempts\":0,\"backoffMillis\":0,\"maxBackoffMillis\":0,\"deadAt\":0}";
		TaskRecord record = this.codec.read(old.getBytes(StandardCharsets.UTF_8), TaskRecord.class);
		assertThat(record.trace()).isNull();
		assertThat(record.traceHeaders()).isEmpty();
	}

	@Test
	void traceHeadersSurviveTheRoundTripAndEveryTransition() {
		Map<String, String> trace = Map.of("traceparent", "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01");
		TaskRecord record = TaskRecord.submitted("u", "t", null, 0, 0, Map.of(), StringNode.valueOf("p"), trace);
		TaskRecord read = this.codec.read(this.codec.write(record), TaskRecord.class);
		assertThat(read.traceHeaders()).isEqualTo(trace);
		TaskRecord running = read.running(new RunRecord("w", 1_000, 500, 3, 100, 10_000));
		assertThat(running.traceHeaders()).isEqualTo(trace);
		assertThat(running.retryAt(5, "e").traceHeaders()).isEqualTo(trace);
		assertThat(running.deadAt(5, "e").revived().traceHeaders()).isEqualTo(trace);
	}

	@Test
	void theTasksOwnLimitsOverrideTheClaimingHandlers() {
		TaskRecord plain = TaskRecord.submitted("u", "t", null, 0, 0, Map.of(), StringNode.valueOf("p"));
		TaskRecord overridden = TaskRecord.submitted("u", "t", null, 0, 0,
				Map.of(AttemptLimits.TIMEOUT, "1m", AttemptLimits.MAX_ATTEMPTS, "7", AttemptLimits.BACKOFF, "3s"),
				StringNode.valueOf("p"));
		RunRecord claim = new RunRecord("w", 1_000, 500, 3, 100, 10_000);

		TaskRecord byHandler = plain.running(claim);
		assertThat(byHandler.attempts()).isEqualTo(1);
		assertThat(byHandler.owner()).isEqualTo("w");
		assertThat(byHandler.deadline()).isEqualTo(1_500);
		assertThat(byHandler.maxAttempts()).isEqualTo(3);
		assertThat(byHandler.backoffMillis()).isEqualTo(100);

		TaskRecord byTask = overridden.running(claim);
		assertThat(byTask.deadline()).isEqualTo(61_000);
		assertThat(byTask.maxAttempts()).isEqualTo(7);
		assertThat(byTask.backoffMillis()).isEqualTo(3_000);
		assertThat(byTask.maxBackoffMillis()).isEqualTo(10_000);
	}

	private TaskRecord submit(int attempts) throws Exception {
		String uid = TaskUids.next(System.currentTimeMillis(), 4);
		TaskRecord task = new TaskRecord(uid, "t", null, attempts, System.currentTimeMillis(), 0, null, Map.of(),
				StringNode.valueOf("payload"), null, 0, 0, 0, 0, 0, null, null);
		this.transactions.commit(TaskOps.enqueue(this.curator, this.paths, this.codec, task));
		return task;
	}

	/** Claim the task's marker as a worker does: no read of the data node first. */
	private String claim(TaskRecord task) throws Exception {
		return claimAt(onlyMarker(task));
	}

	private String claimAt(String marker) throws Exception {
		String runPath = this.paths.runFor("t", marker);
		this.transactions.commit(TaskOps.claim(this.curator, this.paths, marker, this.paths.dataFor("t", marker),
				runPath, this.codec.write(claimRecord())));
		return runPath;
	}

	private static RunRecord claimRecord() {
		return new RunRecord("worker-1", System.currentTimeMillis(), 30_000, 3, 50, 1_000);
	}

	private String onlyMarker(TaskRecord task) throws Exception {
		String shard = this.paths.readyShard("t", TaskUids.shard(task.uid()));
		List<String> markers = this.curator.getChildren().forPath(shard);
		assertThat(markers).hasSize(1);
		return shard + "/" + markers.get(0);
	}

	/** The ready marker a run node was claimed from: same shard, same name. */
	private String markerOf(String runPath) {
		String node = runPath.substring(runPath.lastIndexOf('/') + 1);
		return this.paths.readyShard("t", TaskUids.shard(TaskUids.uidOfNode(node))) + "/" + node;
	}

	private TaskRecord read(String path) throws Exception {
		return this.codec.read(this.curator.getData().forPath(path), TaskRecord.class);
	}

}

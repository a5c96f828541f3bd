package io.zkworkflow.workflow.internal;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import org.apache.curator.framework.CuratorFramework;
import org.apache.curator.framework.api.transaction.CuratorOp;
import org.apache.zookeeper.KeeperException;
import org.apache.zookeeper.Op;
import org.apache.zookeeper.OpResult;
import org.apache.zookeeper.data.Stat;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;

/**
 * The znodes of fan-out steps, under the workflow's own znode, so that nothing that grows
 * with the number of elements lands in the workflow record: a small progress znode per
 * step, one znode per slot of its parallelism (the element it runs and the slot's sums) and one
 * per element output, sharded {@value WorkflowPaths#ELEMENTS_PER_SHARD} to a parent.
 */
final class ElementStore {

	/** Element outputs read in one read-only multi; their total is bounded by max-output. */
	private static final int READ_BATCH = 1000;

	private final CuratorFramework curator;

	private final WorkflowPaths paths;

	private final WorkflowCodec codec;

	ElementStore(CuratorFramework curator, WorkflowPaths paths, WorkflowCodec codec) {
		this.curator = curator;
		this.paths = paths;
		this.codec = codec;
	}

	/**
	 * The operations that create a fan-out step's layout with its first progress.
	 * @param withItems whether the workflow's {@code items} znode must be created too
	 */
	List<CuratorOp> createLayout(String id, String step, Progress progress, boolean withItems) throws Exception {
		List<CuratorOp> ops = new ArrayList<>();
		if (withItems) {
			ops.add(create(this.paths.items(id), new byte[0]));
		}
		ops.add(create(this.paths.fanOut(id, step), this.codec.write(progress)));
		ops.add(create(this.paths.slots(id, step), new byte[0]));
		ops.add(create(this.paths.outputs(id, step), new byte[0]));
		int shards = (progress.total + WorkflowPaths.ELEMENTS_PER_SHARD - 1) / WorkflowPaths.ELEMENTS_PER_SHARD;
		for (int shard = 0; shard < shards; shard++) {
			ops.add(create(this.paths.outputShard(id, step, shard), new byte[0]));
		}
		return ops;
	}

	boolean itemsExist(String id) throws Exception {
		return this.curator.checkExists().forPath(this.paths.items(id)) != null;
	}

	@Nullable Versioned progress(String id, String step) throws Exception {
		Stat stat = new Stat();
		try {
			byte[] data = this.curator.getData().storingStatIn(stat).forPath(this.paths.fanOut(id, step));
			return new Versioned(this.codec.read(data, Progress.class), stat.getVersion());
		}
		catch (KeeperException.NoNodeException ex) {
			return null;
		}
	}

	CuratorOp writeProgress(String id, String step, Progress progress, int version) throws Exception {
		return this.curator.transactionOp()
			.setData()
			.withVersion(version)
			.forPath(this.paths.fanOut(id, step), this.codec.write(progress));
	}

	CuratorOp createSlot(String id, String step, int slot, Slot state) throws Exception {
		return create(this.paths.slot(id, step, slot), this.codec.write(state));
	}

	CuratorOp writeSlot(String id, String step, int slot, Slot state, int version) throws Exception {
		return this.curator.transactionOp()
			.setData()
			.withVersion(version)
			.forPath(this.paths.slot(id, step, slot), this.codec.write(state));
	}

	CuratorOp deleteSlot(String id, String step, int slot, int version) throws Exception {
		return this.curator.transactionOp().delete().withVersion(version).forPath(this.paths.slot(id, step, slot));
	}

	/** Return a slot with its element in flight, or {@code null} once the slot has ended. */
	@Nullable VersionedSlot slot(String id, String step, int slot) throws Exception {
		Stat stat = new Stat();
		try {
			byte[] data = this.curator.getData().storingStatIn(stat).forPath(this.paths.slot(id, step, slot));
			return new VersionedSlot(this.codec.read(data, Slot.class), stat.getVersion());
		}
		catch (KeeperException.NoNodeException ex) {
			return null;
		}
	}

	/** Return the slots that have an element in flight (at most the step's parallelism). */
	List<Integer> slots(String id, String step) throws Exception {
		try {
			return this.curator.getChildren()
				.forPath(this.paths.slots(id, step))
				.stream()
				.map(Integer::valueOf)
				.sorted()
				.toList();
		}
		catch (KeeperException.NoNodeException ex) {
			return List.of();
		}
	}

	CuratorOp createOutput(String id, String step, int index, JsonNode output) throws Exception {
		return create(this.paths.elementOutput(id, step, index), this.codec.write(output));
	}

	CuratorOp checkRecord(String id, int version) throws Exception {
		return this.curator.transactionOp().check().withVersion(version).forPath(this.paths.workflow(id));
	}

	/**
	 * Read every element output in input order, with {@code last} (not committed yet) at
	 * {@code lastIndex}, in read-only multis of {@value #READ_BATCH}.
	 */
	ArrayNode readOutputs(String id, String step, int total, int lastIndex, JsonNode last) throws Exception {
		ArrayNode outputs = this.codec.application().createArrayNode();
		List<Op> batch = new ArrayList<>(READ_BATCH);
		for (int index = 0; index < total; index++) {
			if (index == lastIndex) {
				flush(batch, outputs);
				outputs.add(last);
				continue;
			}
			batch.add(Op.getData(this.paths.elementOutput(id, step, index)));
			if (batch.size() == READ_BATCH) {
				flush(batch, outputs);
			}
		}
		flush(batch, outputs);
		return outputs;
	}

	private void flush(List<Op> batch, ArrayNode outputs) throws Exception {
		if (batch.isEmpty()) {
			return;
		}
		for (OpResult result : this.curator.getZookeeperClient().getZooKeeper().multi(batch)) {
			if (!(result instanceof OpResult.GetDataResult data)) {
				throw new IllegalStateException("An element output of a fan-out step is missing: " + result);
			}
			outputs.add(this.codec.application().readTree(data.getData()));
		}
		batch.clear();
	}

	private CuratorOp create(String path, byte[] data) throws Exception {
		return this.curator.transactionOp().create().forPath(path, data);
	}

	/**
	 * A fan-out step's counters, written when a slot ends (at most parallelism times), so
	 * element completions do not race on them. Mutable, written back with a version check.
	 */
	public static final class Progress {

		public int total;

		public int slots;

		public int finished;

		public int withdrawn;

		public int succeeded;

		public long bytes;

		int inFlight() {
			return this.slots - this.finished - this.withdrawn;
		}

	}

	/**
	 * One slot of a fan-out's parallelism: slot {@code s} runs elements {@code s},
	 * {@code s + slots}, ... one after the other, so each element's ending changes only its
	 * own slot's znode.
	 */
	public static final class Slot {

		public int index;

		public String taskId = "";

		public int succeeded;

		public long bytes;

	}

	record Versioned(Progress progress, int version) {
	}

	record VersionedSlot(Slot slot, int version) {
	}

}

package io.zkworkflow.workflow.internal;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

import io.zkworkflow.workflow.StepDefinition;
import io.zkworkflow.workflow.StepWait;
import io.zkworkflow.workflow.WorkflowDefinition;
import org.apache.curator.framework.CuratorFramework;
import org.apache.curator.framework.api.transaction.CuratorOp;
import org.apache.zookeeper.KeeperException;
import org.apache.zookeeper.data.Stat;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * Signals kept for a workflow that has not reached their wait yet, one persistent znode each
 * ({@code {root}/workflows/{id}/signals/{name}}, the payload as JSON). The transition that
 * starts the wait consumes it: the step succeeds and the znode is deleted (version-checked)
 * in the same transaction, so a kept signal is applied once.
 */
final class SignalStore {

	private final CuratorFramework curator;

	private final WorkflowPaths paths;

	private final WorkflowCodec codec;

	SignalStore(CuratorFramework curator, WorkflowPaths paths, WorkflowCodec codec) {
		this.curator = curator;
		this.paths = paths;
		this.codec = codec;
	}

	@Nullable Kept read(String id, String signal) throws Exception {
		Stat stat = new Stat();
		try {
			byte[] data = this.curator.getData().storingStatIn(stat).forPath(this.paths.signal(id, signal));
			return new Kept(this.codec.read(data, JsonNode.class), stat.getVersion());
		}
		catch (KeeperException.NoNodeException ex) {
			return null;
		}
	}

	CuratorOp create(String id, String signal, JsonNode payload) throws Exception {
		return this.curator.transactionOp().create().forPath(this.paths.signal(id, signal), this.codec.write(payload));
	}

	/**
	 * Consume the kept signals of the waits among {@code start}: each such wait succeeds with
	 * its signal's payload (which may start further steps, handled the same way) and the
	 * deletes of the signals' znodes are added to {@code ops}.
	 * @return the steps still to launch: every started step but the waits that were consumed
	 */
	List<String> consumeKept(WorkflowPlanner planner, WorkflowDefinition definition, WorkflowRecord record,
			List<String> start, long now, List<CuratorOp> ops) throws Exception {
		List<String> launch = new ArrayList<>();
		Deque<String> todo = new ArrayDeque<>(start);
		while (!todo.isEmpty()) {
			String step = todo.removeFirst();
			StepDefinition stepDefinition = definition.step(step);
			if (stepDefinition != null && stepDefinition.waitsFor() instanceof StepWait.Signal signal) {
				Kept kept = read(record.id, signal.name());
				if (kept != null) {
					WaitSteps.signalled(record, step, kept.payload(), now);
					ops.add(this.curator.transactionOp()
						.delete()
						.withVersion(kept.version())
						.forPath(this.paths.signal(record.id, signal.name())));
					todo.addAll(planner.advance(definition, record, now));
					continue;
				}
			}
			launch.add(step);
		}
		return launch;
	}

	/** A kept signal and its znode's version. */
	record Kept(JsonNode payload, int version) {
	}

}

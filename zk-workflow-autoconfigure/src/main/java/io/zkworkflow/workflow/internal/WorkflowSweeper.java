package io.zkworkflow.workflow.internal;

import java.time.Duration;
import java.util.List;

import io.zkworkflow.task.CoordinatorDuty;
import io.zkworkflow.task.TaskClient;
import io.zkworkflow.task.TaskId;
import io.zkworkflow.task.TaskState;
import io.zkworkflow.workflow.StepState;
import io.zkworkflow.workflow.WorkflowDefinition;
import io.zkworkflow.workflow.WorkflowState;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.apache.curator.framework.CuratorFramework;
import org.apache.zookeeper.KeeperException;

/**
 * Coordinator duty, every {@code zk-workflow.workflows.sweep-interval}: removes finished
 * workflows older than the retention (version-checked, so a record that changed meanwhile
 * stays) with their search index entries and the index's empty hour buckets, and finishes the withdrawal of steps of failing or cancelling workflows whose
 * task was cancelled by an instance that died before recording it.
 */
public final class WorkflowSweeper implements CoordinatorDuty {

	private static final Log logger = LogFactory.getLog(WorkflowSweeper.class);

	private final WorkflowStore store;

	private final TaskClient tasks;

	private final ZkWorkflowClient client;

	private final Duration retention;

	private final Duration interval;

	private final WorkflowIndexSweeper index;

	private long lastSweep;

	public WorkflowSweeper(WorkflowStore store, TaskClient tasks, ZkWorkflowClient client, Duration retention,
			Duration interval) {
		this.store = store;
		this.tasks = tasks;
		this.client = client;
		this.retention = retention;
		this.interval = interval;
		this.index = new WorkflowIndexSweeper(store.curator(), store.paths());
	}

	@Override
	public void perform() throws Exception {
		long now = System.currentTimeMillis();
		if (now - this.lastSweep < this.interval.toMillis()) {
			return;
		}
		this.lastSweep = now;
		List<String> ids;
		try {
			ids = this.store.curator().getChildren().forPath(this.store.paths().workflows());
		}
		catch (KeeperException.NoNodeException ex) {
			return;
		}
		for (String id : ids) {
			if (Thread.currentThread().isInterrupted()) {
				return;
			}
			WorkflowStore.Versioned current;
			try {
				current = this.store.read(id);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				return;
			}
			if (current == null) {
				continue;
			}
			WorkflowRecord record = current.record();
			if (record.state.isFinished()) {
				if (record.finishedAt + this.retention.toMillis() < now) {
					delete(record, current.version());
				}
			}
			else if (record.state == WorkflowState.FAILING || record.state == WorkflowState.CANCELLING) {
				repairWithdrawn(record);
			}
		}
		this.index.sweep(now - this.retention.toMillis());
	}

	/** [delete the record at the version read, delete its index entry]; alone when it has no entry. */
	private void delete(WorkflowRecord record, int version) throws Exception {
		CuratorFramework curator = this.store.curator();
		try {
			// children first, signals kept for a wait never reached and a fan-out's items:
			// a delete of a node with children fails, and Curator's recursive one skips the version
			deleteChildren(this.store.paths().signals(record.id));
			deleteChildren(this.store.paths().items(record.id));
			String path = this.store.paths().workflow(record.id);
			curator.transaction()
				.forOperations(curator.transactionOp().delete().withVersion(version).forPath(path),
						curator.transactionOp().delete().forPath(this.store.paths().indexEntry(record)));
			return;
		}
		catch (KeeperException ex) {
			if (WorkflowStore.failedAt(ex) != 1) {
				return; // removed or changed meanwhile
			}
		}
		try {
			// started before the search index existed
			curator.delete().withVersion(version).forPath(this.store.paths().workflow(record.id));
		}
		catch (KeeperException.NoNodeException | KeeperException.BadVersionException ex) {
			// removed or changed meanwhile
		}
	}

	private void deleteChildren(String path) throws Exception {
		try {
			this.store.curator().delete().deletingChildrenIfNeeded().forPath(path);
		}
		catch (KeeperException.NoNodeException ex) {
			// none kept
		}
	}

	private void repairWithdrawn(WorkflowRecord record) throws Exception {
		WorkflowDefinition definition = this.store.registry().get(record.definition);
		if (definition == null) {
			return;
		}
		for (String step : definition.steps().keySet()) {
			StepRecord stepRecord = record.step(step);
			// the instance that failed or cancelled the parent may have died before it cancelled the child
			ChildWorkflows.cancelChild(this.client, stepRecord);
			if (definition.steps().get(step).fansOut() && stepRecord.startedAt > 0) {
				this.store.withdrawal().withdraw(record.id, step);
			}
			else if (stepRecord.state == StepState.RUNNING && stepRecord.taskId != null) {
				TaskState state = this.tasks.status(TaskId.parse(stepRecord.taskId)).state();
				if (state == TaskState.CANCELLED) {
					logger.info("Recording the withdrawn step '" + step + "' of workflow " + record.id);
					this.client.recordWithdrawn(record.id, step, stepRecord.taskId);
				}
				else if (state == TaskState.PENDING || state == TaskState.SCHEDULED) {
					this.client.withdrawQueued(record.id);
				}
			}
		}
	}

}

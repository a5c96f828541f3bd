package io.zkworkflow.workflow.internal;

import java.util.ArrayList;
import java.util.List;

import io.zkworkflow.task.TaskClient;
import io.zkworkflow.task.TaskId;
import io.zkworkflow.task.TaskState;
import io.zkworkflow.workflow.StepState;
import io.zkworkflow.workflow.WorkflowDefinition;
import io.zkworkflow.workflow.WorkflowState;
import org.apache.curator.framework.api.transaction.CuratorOp;
import org.apache.zookeeper.KeeperException;

/**
 * Withdraws the element tasks of a fan-out step that have not started, when its workflow
 * fails or is cancelled: each is cancelled in the task engine, then recorded in one
 * transaction [delete its in-flight znode, count it in the progress, and, for the last one
 * in flight, end the step in the record]. Element tasks that already run finish and are
 * recorded by their own ending. Safe to repeat: the coordinator's sweep calls it again for
 * withdrawals an instance started but did not record.
 */
final class FanOutWithdrawal {

	private static final int RACE_RETRIES = 20;

	private final WorkflowStore store;

	private final TaskClient tasks;

	FanOutWithdrawal(WorkflowStore store, TaskClient tasks) {
		this.store = store;
		this.tasks = tasks;
	}

	/** Withdraw what has not started of fan-out step {@code step} of workflow {@code id}. */
	void withdraw(String id, String step) throws Exception {
		ElementStore elements = this.store.fanOut().elements();
		for (int slot : elements.slots(id, step)) {
			ElementStore.VersionedSlot state = elements.slot(id, step, slot);
			if (state == null) {
				continue;
			}
			TaskId task = TaskId.parse(state.slot().taskId);
			TaskState taskState = this.tasks.status(task).state();
			boolean waiting = taskState == TaskState.PENDING || taskState == TaskState.SCHEDULED
					|| taskState == TaskState.FAILED;
			if (taskState == TaskState.CANCELLED || (waiting && this.tasks.cancel(task))) {
				record(id, step, slot, state.slot().taskId);
			}
		}
	}

	private void record(String id, String step, int slot, String taskId) throws Exception {
		ElementStore elements = this.store.fanOut().elements();
		for (int round = 0; round < RACE_RETRIES; round++) {
			WorkflowStore.Versioned current = this.store.read(id);
			ElementStore.Versioned versioned = elements.progress(id, step);
			ElementStore.VersionedSlot state = elements.slot(id, step, slot);
			if (current == null || versioned == null || state == null || !taskId.equals(state.slot().taskId)) {
				return;
			}
			WorkflowRecord record = current.record();
			WorkflowDefinition definition = this.store.definition(record);
			ElementStore.Progress progress = versioned.progress();
			progress.withdrawn++;
			progress.succeeded += state.slot().succeeded;
			progress.bytes += state.slot().bytes;
			List<CuratorOp> ops = new ArrayList<>();
			ops.add(elements.writeProgress(id, step, progress, versioned.version()));
			ops.add(elements.deleteSlot(id, step, slot, state.version()));
			WorkflowState before = record.state;
			boolean ends = record.step(step).state == StepState.RUNNING && record.state != WorkflowState.RUNNING
					&& progress.inFlight() == 0;
			if (ends) {
				long now = System.currentTimeMillis();
				FanOutTransitions.stop(record, step, progress, now);
				List<String> start = this.store.planner().advance(definition, record, now);
				List<CuratorOp> followUps = this.store.followUps(definition, record, start, before, now);
				ops.add(this.store.write(record, current.version()));
				ops.addAll(followUps);
			}
			else {
				ops.add(elements.checkRecord(id, current.version()));
			}
			try {
				this.store.commit(ops);
			}
			catch (KeeperException.BadVersionException | KeeperException.NoNodeException ex) {
				continue;
			}
			if (ends) {
				this.store.relay().committed(record, step, before);
			}
			return;
		}
	}

}

package io.zkworkflow.workflow.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import io.zkworkflow.task.PreparedTask;
import io.zkworkflow.task.TaskOutcome;
import io.zkworkflow.task.TaskSubmitException;
import io.zkworkflow.workflow.StepState;
import io.zkworkflow.workflow.WorkflowDefinition;
import io.zkworkflow.workflow.WorkflowState;
import org.apache.curator.framework.api.transaction.CuratorOp;
import org.apache.zookeeper.KeeperException;
import org.apache.zookeeper.data.Stat;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.NullNode;

/**
 * Joins the ending of one element task of a fan-out step to the transaction that ends the
 * task: [move the element's slot on to its next element (version-checked), create the
 * element's output znode, create the next element's task] with a version check of the
 * workflow record, so a cancel or another step's transition in between makes the engine ask
 * again. A slot with no next element is deleted and counted in the step's progress; only the
 * ending that completes, fails or stops the step writes the record (the outputs as one array
 * in input order, or the failure), so the record is not rewritten per element. The slot's
 * version check makes one commit per element, whatever retries or zombies do.
 */
final class FanOutTransitions {

	private final WorkflowStore store;

	/** The last record read per workflow, by version: elements of one fan-out share it. */
	private final Map<String, Cached> records = new ConcurrentHashMap<>();

	FanOutTransitions(WorkflowStore store) {
		this.store = store;
	}

	List<CuratorOp> contribute(TaskOutcome outcome, String id, String step, int index) throws Exception {
		WorkflowStore.Versioned current = read(id);
		ElementStore elements = this.store.fanOut().elements();
		ElementStore.Versioned versioned = (current != null) ? elements.progress(id, step) : null;
		if (current == null || versioned == null) {
			return List.of(); // the workflow is gone
		}
		int slot = index % versioned.progress().slots;
		ElementStore.VersionedSlot slotState = elements.slot(id, step, slot);
		if (slotState == null || !outcome.id().toString().equals(slotState.slot().taskId)) {
			return List.of(); // this element was recorded or withdrawn already
		}
		WorkflowRecord record = current.record();
		WorkflowDefinition definition = this.store.definition(record);
		StepRecord stepRecord = record.step(step);
		ElementStore.Progress progress = versioned.progress();
		ElementStore.Slot state = slotState.slot();
		WorkflowState before = record.state;
		boolean wasRunning = stepRecord.state == StepState.RUNNING;
		long now = System.currentTimeMillis();
		List<CuratorOp> ops = new ArrayList<>();
		boolean succeeded = outcome.kind() == TaskOutcome.Kind.SUCCEEDED;
		JsonNode output = (outcome.output() != null) ? outcome.output() : NullNode.getInstance();
		state.succeeded += succeeded ? 1 : 0;
		state.bytes += succeeded ? this.store.codec().sizeOf(output) + 1 : 0;
		boolean slotEnds = true;
		if (wasRunning && record.state == WorkflowState.RUNNING) {
			if (!succeeded) {
				fail(record, step, "Element " + index + " of fan-out step '" + step + "' failed after "
						+ outcome.attempts() + " attempt(s): " + outcome.error());
			}
			else if (state.bytes > this.store.fanOut().maxOutputBytes()) {
				fail(record, step, tooLarge(step, state.bytes, state.succeeded, progress.total));
			}
			else {
				ops.add(elements.createOutput(id, step, index, output));
				slotEnds = !next(definition, record, step, index, progress, state, ops);
			}
		}
		if (slotEnds) {
			ops.add(0, elements.deleteSlot(id, step, slot, slotState.version()));
			progress.finished++;
			progress.succeeded += state.succeeded;
			progress.bytes += state.bytes;
			if (wasRunning && record.state == WorkflowState.RUNNING) {
				if (progress.bytes > this.store.fanOut().maxOutputBytes()) {
					fail(record, step, tooLarge(step, progress.bytes, progress.succeeded, progress.total));
				}
				else if (progress.succeeded == progress.total) {
					stepRecord.output = elements.readOutputs(id, step, progress.total, index, output);
					stepRecord.state = StepState.SUCCEEDED;
				}
			}
			if (stepRecord.state == StepState.RUNNING && record.state != WorkflowState.RUNNING) {
				if (progress.inFlight() == 0) {
					stop(record, step, progress, now);
				}
			}
			// the version check goes first: a lost race fails on it, which the engine retries
			ops.add(0, elements.writeProgress(id, step, progress, versioned.version()));
		}
		else {
			ops.add(0, elements.writeSlot(id, step, slot, state, slotState.version()));
		}
		if (wasRunning && (stepRecord.state != StepState.RUNNING || record.state != before)) {
			if (stepRecord.state != StepState.RUNNING) {
				stepRecord.finishedAt = now;
			}
			List<String> start = this.store.planner().advance(definition, record, now);
			List<CuratorOp> followUps = this.store.followUps(definition, record, start, before, now);
			ops.add(1, this.store.write(record, current.version()));
			ops.addAll(followUps);
			this.store.relay().expect(outcome.id(), record, step, before);
		}
		else {
			ops.add(1, elements.checkRecord(id, current.version()));
		}
		return ops;
	}

	/** Launch the slot's next element, if any; a launch that cannot be prepared fails the step. */
	private boolean next(WorkflowDefinition definition, WorkflowRecord record, String step, int index,
			ElementStore.Progress progress, ElementStore.Slot state, List<CuratorOp> ops) {
		int nextIndex = index + progress.slots;
		if (nextIndex >= progress.total) {
			return false;
		}
		try {
			PreparedTask prepared = this.store.fanOut().prepareNext(definition, record, step, nextIndex);
			state.index = nextIndex;
			state.taskId = prepared.id().toString();
			ops.addAll(prepared.ops());
			return true;
		}
		catch (TaskSubmitException ex) {
			fail(record, step, FanOutStep.launchFailure(step, nextIndex, ex));
			return false;
		}
	}

	private String tooLarge(String step, long bytes, int succeeded, int total) {
		return "The outputs of fan-out step '" + step + "' reached " + bytes + " bytes as JSON after " + succeeded
				+ " of " + total + " elements, above zk-workflow.workflows.max-output ("
				+ this.store.fanOut().maxOutputBytes() + " bytes), which bounds the array the next step receives. "
				+ "Return small outputs from each element (ids, references), or nothing.";
	}

	/**
	 * Fail the step. It stays RUNNING, like a running step of a failing workflow, until its
	 * other elements in flight finished or were withdrawn; then {@link #stop} ends it FAILED.
	 */
	private void fail(WorkflowRecord record, String step, String error) {
		this.store.planner().fail(record, step, error);
		record.step(step).state = StepState.RUNNING;
	}

	/** End a step whose workflow stopped (failure or cancel) once no element is in flight. */
	static void stop(WorkflowRecord record, String step, ElementStore.Progress progress, long now) {
		StepRecord stepRecord = record.step(step);
		stepRecord.finishedAt = now;
		if (step.equals(record.failedStep)) {
			stepRecord.state = StepState.FAILED;
			return;
		}
		stepRecord.state = StepState.CANCELLED;
		stepRecord.error = "Stopped after " + progress.succeeded + " of " + progress.total
				+ " elements succeeded: the workflow is " + record.state;
	}

	private WorkflowStore.@Nullable Versioned read(String id) throws Exception {
		Stat stat;
		try {
			stat = this.store.curator().checkExists().forPath(this.store.paths().workflow(id));
		}
		catch (KeeperException.NoNodeException ex) {
			stat = null;
		}
		if (stat == null) {
			this.records.remove(id);
			return null;
		}
		Cached cached = this.records.get(id);
		if (cached == null || cached.version() != stat.getVersion()) {
			Stat read = new Stat();
			try {
				byte[] data = this.store.curator().getData().storingStatIn(read).forPath(this.store.paths().workflow(id));
				if (this.records.size() > 1000) {
					this.records.clear();
				}
				cached = new Cached(data, read.getVersion());
				this.records.put(id, cached);
			}
			catch (KeeperException.NoNodeException ex) {
				return null;
			}
		}
		// a fresh copy every time: transitions change the record in memory
		return new WorkflowStore.Versioned(this.store.codec().read(cached.data(), WorkflowRecord.class),
				cached.version());
	}

	private record Cached(byte[] data, int version) {
	}

}

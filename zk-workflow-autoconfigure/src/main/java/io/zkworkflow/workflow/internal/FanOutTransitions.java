package io.zkworkflow.workflow.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import io.zkworkflow.task.TaskOutcome;
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
 * task: [delete the element's in-flight znode, create its output znode, move the step's
 * progress (version-checked), launch the next element] with a version check of the workflow
 * record, so a cancel or another step's transition in between makes the engine ask again.
 * Only the ending that completes, fails or stops the step writes the record (the outputs as
 * one array in input order, or the failure), so the record is not rewritten per element.
 * Deleting the in-flight znode makes one commit per element, whatever retries or zombies do.
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
		if (current == null || !outcome.id().toString().equals(elements.running(id, step, index))) {
			return List.of(); // the workflow is gone, or this element was recorded or withdrawn already
		}
		ElementStore.Versioned versioned = elements.progress(id, step);
		if (versioned == null) {
			return List.of();
		}
		WorkflowRecord record = current.record();
		WorkflowDefinition definition = this.store.definition(record);
		StepRecord stepRecord = record.step(step);
		ElementStore.Progress progress = versioned.progress();
		WorkflowState before = record.state;
		boolean wasRunning = stepRecord.state == StepState.RUNNING;
		long now = System.currentTimeMillis();
		List<CuratorOp> ops = new ArrayList<>();
		ops.add(elements.deleteRunning(id, step, index));
		progress.done++;
		if (wasRunning && record.state == WorkflowState.RUNNING) {
			if (outcome.kind() == TaskOutcome.Kind.DEAD) {
				fail(record, step, progress, "Element " + index + " of fan-out step '" + step + "' failed after "
						+ outcome.attempts() + " attempt(s): " + outcome.error());
			}
			else {
				succeeded(definition, record, step, index, progress, outcome, ops);
			}
		}
		if (stepRecord.state == StepState.RUNNING && record.state != WorkflowState.RUNNING
				&& progress.inFlight() == 0) {
			stop(record, step, progress, now);
		}
		ops.add(elements.writeProgress(id, step, progress, versioned.version()));
		if (wasRunning && (stepRecord.state != StepState.RUNNING || record.state != before)) {
			if (stepRecord.state != StepState.RUNNING) {
				stepRecord.finishedAt = now;
			}
			List<String> start = this.store.planner().advance(definition, record, now);
			List<CuratorOp> followUps = this.store.followUps(definition, record, start, before, now);
			ops.add(this.store.write(record, current.version()));
			ops.addAll(followUps);
			this.store.relay().expect(outcome.id(), record, step, before);
		}
		else {
			ops.add(elements.checkRecord(id, current.version()));
		}
		return ops;
	}

	private void succeeded(WorkflowDefinition definition, WorkflowRecord record, String step, int index,
			ElementStore.Progress progress, TaskOutcome outcome, List<CuratorOp> ops) throws Exception {
		JsonNode output = (outcome.output() != null) ? outcome.output() : NullNode.getInstance();
		progress.bytes += this.store.codec().sizeOf(output) + 1;
		long limit = this.store.fanOut().maxOutputBytes();
		if (progress.bytes > limit) {
			fail(record, step, progress, "The outputs of fan-out step '" + step + "' reached " + progress.bytes
					+ " bytes as JSON after " + (progress.succeeded + 1) + " of " + progress.total + " elements, "
					+ "above zk-workflow.workflows.max-output (" + limit + " bytes), which bounds the array the "
					+ "next step receives. Return small outputs from each element (ids, references), or nothing.");
			return;
		}
		ElementStore elements = this.store.fanOut().elements();
		progress.succeeded++;
		if (progress.succeeded == progress.total) {
			StepRecord stepRecord = record.step(step);
			stepRecord.output = elements.readOutputs(record.id, step, progress.total, index, output);
			stepRecord.state = StepState.SUCCEEDED;
			return;
		}
		ops.add(elements.createOutput(record.id, step, index, output));
		if (progress.launched < progress.total) {
			ops.addAll(this.store.fanOut().launchNext(definition, record, step, progress));
			if (record.state != WorkflowState.RUNNING) {
				keepRunningWhileInFlight(record, step, progress);
			}
		}
	}

	/** Fail the step; with elements still in flight it stays RUNNING until they end. */
	private void fail(WorkflowRecord record, String step, ElementStore.Progress progress, String error) {
		this.store.planner().fail(record, step, error);
		keepRunningWhileInFlight(record, step, progress);
	}

	private static void keepRunningWhileInFlight(WorkflowRecord record, String step, ElementStore.Progress progress) {
		if (progress.inFlight() > 0) {
			// like a running step of a failing workflow: its elements finish or are withdrawn first
			record.step(step).state = StepState.RUNNING;
		}
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

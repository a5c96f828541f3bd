package io.zkworkflow.workflow.internal;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import io.zkworkflow.internal.InputText;
import io.zkworkflow.internal.ZnodeNames;
import io.zkworkflow.task.TaskClient;
import io.zkworkflow.task.TaskId;
import io.zkworkflow.workflow.SignalDelivery;
import io.zkworkflow.workflow.StepDefinition;
import io.zkworkflow.workflow.StepState;
import io.zkworkflow.workflow.UnknownWorkflowException;
import io.zkworkflow.workflow.WorkflowDefinition;
import io.zkworkflow.workflow.WorkflowId;
import io.zkworkflow.workflow.WorkflowSignalException;
import io.zkworkflow.workflow.WorkflowState;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.apache.curator.framework.api.transaction.CuratorOp;
import org.apache.zookeeper.KeeperException;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;

/**
 * The sending side of signals. Everything is checked before ZooKeeper sees the request (name,
 * payload size). Then, with the workflow's version checked in the same transaction, so a
 * signal and any transition of the workflow serialize on its znode:
 * <ul>
 * <li>the wait is running: the step succeeds with the payload and the steps after it start,
 * in one transaction (the timeout's timer is withdrawn afterwards; were it to fire anyway,
 * its ending changes nothing);</li>
 * <li>the wait has not started: the signal's znode is created, and the record rewritten
 * unchanged to move its version, so a transition that read the workflow before cannot start
 * the wait without seeing the signal.</li>
 * </ul>
 */
final class WorkflowSignals {

	private static final Log logger = LogFactory.getLog(WorkflowSignals.class);

	private static final int RACE_RETRIES = 20;

	private final WorkflowStore store;

	private final TaskClient tasks;

	private final long maxPayloadBytes;

	WorkflowSignals(WorkflowStore store, TaskClient tasks, long maxPayloadBytes) {
		this.store = store;
		this.tasks = tasks;
		this.maxPayloadBytes = maxPayloadBytes;
	}

	SignalDelivery signal(WorkflowId id, String name, Object payload) {
		String problem = ZnodeNames.checkName(name);
		if (problem != null) {
			throw new WorkflowSignalException("Signal name " + InputText.quote(String.valueOf(name)) + " " + problem
					+ "; use the name the workflow's waitFor(\"name\", timeout) declares.");
		}
		JsonNode tree = payloadOf(name, payload);
		try {
			for (int round = 0; round < RACE_RETRIES; round++) {
				SignalDelivery delivery = attempt(id, name, tree);
				if (delivery != null) {
					return delivery;
				}
			}
		}
		catch (WorkflowSignalException | UnknownWorkflowException ex) {
			throw ex;
		}
		catch (Exception ex) {
			throw new IllegalStateException("Could not send signal '" + name + "' to workflow " + id + ": " + ex, ex);
		}
		throw new IllegalStateException("Workflow " + id + " kept changing; gave up sending signal '" + name
				+ "' after " + RACE_RETRIES + " tries");
	}

	private JsonNode payloadOf(String name, Object payload) {
		JsonNode tree;
		try {
			tree = this.store.codec().toTree(payload);
		}
		catch (JacksonException ex) {
			throw new WorkflowSignalException("The payload of signal '" + name + "' (" + payload.getClass().getName()
					+ ") cannot be written as JSON: " + ex.getOriginalMessage(), ex);
		}
		int size = this.store.codec().sizeOf(tree);
		if (size > this.maxPayloadBytes) {
			throw new WorkflowSignalException("The payload of signal '" + name + "' is " + size + " bytes as JSON, "
					+ "above zk-workflow.workflows.max-output (" + this.maxPayloadBytes + " bytes); it would become a "
					+ "step output in ZooKeeper's memory. Store the data elsewhere and signal a reference to it.");
		}
		return tree;
	}

	/** One try; {@code null} when a transition of the workflow won the race. */
	private @Nullable SignalDelivery attempt(WorkflowId id, String name, JsonNode payload) throws Exception {
		WorkflowStore.Versioned current = this.store.read(id.value());
		if (current == null) {
			throw new UnknownWorkflowException(id, "No workflow " + id + " in ZooKeeper (never started, or removed "
					+ "zk-workflow.workflows.retention after it ended); signal '" + name + "' was not sent.");
		}
		WorkflowRecord record = current.record();
		String where = "Workflow " + id + " ('" + record.definition + "')";
		if (LostVersions.undeclared(this.store.registry(), record)) {
			if (record.state.isFinished()) {
				// its shape is unknown here, but an ended workflow takes no signal of any name
				throw new WorkflowSignalException(where + " has ended " + record.state + " and accepts no signals; "
						+ "signal '" + name + "' was not applied.");
			}
			return SignalRelayTask.relay(this.tasks, record, name, payload);
		}
		WorkflowDefinition definition = this.store.definition(record);
		StepDefinition wait = WaitSteps.waitFor(definition, name);
		if (wait == null) {
			throw new WorkflowSignalException(where + " waits for no signal named '" + name + "'; it waits for "
					+ WaitSteps.signals(definition) + ". Check the name against its waitFor(...) steps.");
		}
		if (record.state != WorkflowState.RUNNING) {
			throw new WorkflowSignalException(where + (record.state.isFinished() ? " has ended " : " is ")
					+ record.state + " and accepts no signals; signal '" + name + "' was not applied.");
		}
		StepRecord step = record.step(wait.name());
		if (step.state == StepState.RUNNING) {
			return deliver(current, definition, wait.name(), payload);
		}
		if (step.state == StepState.WAITING) {
			return keep(current, name, payload);
		}
		if (step.state == StepState.SUCCEEDED && !step.timedOut) {
			return SignalDelivery.DUPLICATE;
		}
		throw new WorkflowSignalException(where + " no longer waits for signal '" + name + "': step '" + wait.name()
				+ "' " + (step.timedOut ? "timed out at " + Instant.ofEpochMilli(step.finishedAt) + " and took its "
						+ "timeout branch" : "is " + step.state) + ". The signal was not applied.");
	}

	private @Nullable SignalDelivery deliver(WorkflowStore.Versioned current, WorkflowDefinition definition, String step,
			JsonNode payload) throws Exception {
		WorkflowRecord record = current.record();
		String timer = record.step(step).taskId;
		WorkflowState before = record.state;
		long now = System.currentTimeMillis();
		WaitSteps.signalled(record, step, payload, now);
		List<String> start = this.store.planner().advance(definition, record, now);
		List<CuratorOp> taskOps = this.store.followUps(definition, record, start, before, now);
		List<CuratorOp> ops = new ArrayList<>(taskOps.size() + 1);
		ops.add(this.store.write(record, current.version()));
		ops.addAll(taskOps);
		if (!commit(ops)) {
			return null;
		}
		this.store.relay().committed(record, step, before);
		if (timer != null) {
			withdraw(record.id, timer);
		}
		return SignalDelivery.DELIVERED;
	}

	private @Nullable SignalDelivery keep(WorkflowStore.Versioned current, String name, JsonNode payload) throws Exception {
		WorkflowRecord record = current.record();
		if (this.store.signals().read(record.id, name) != null) {
			return SignalDelivery.DUPLICATE;
		}
		List<CuratorOp> ops = List.of(this.store.write(record, current.version()),
				this.store.signals().create(record.id, name, payload));
		try {
			return commit(ops) ? SignalDelivery.BUFFERED : null;
		}
		catch (KeeperException.NodeExistsException ex) {
			return SignalDelivery.DUPLICATE;
		}
	}

	/** Commit; {@code false} when the workflow's version check failed (a lost race). */
	private boolean commit(List<CuratorOp> ops) throws Exception {
		try {
			this.store.commit(ops);
			return true;
		}
		catch (KeeperException ex) {
			if (WorkflowStore.failedAt(ex) == 0) {
				return false;
			}
			throw ex;
		}
	}

	private void withdraw(String id, String timer) {
		try {
			this.tasks.cancel(TaskId.parse(timer));
		}
		catch (RuntimeException ex) {
			// harmless: when it fires, the step is no longer running and its ending changes nothing
			logger.debug("Could not withdraw timer " + timer + " of workflow " + id + ": " + ex);
		}
	}

}

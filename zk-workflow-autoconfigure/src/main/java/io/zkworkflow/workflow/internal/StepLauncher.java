package io.zkworkflow.workflow.internal;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

import io.zkworkflow.task.AttemptLimits;
import io.zkworkflow.task.PayloadTooLargeException;
import io.zkworkflow.task.PreparedTask;
import io.zkworkflow.task.SubmitOptions;
import io.zkworkflow.task.TaskClient;
import io.zkworkflow.task.TaskSubmitException;
import io.zkworkflow.workflow.StepDefinition;
import io.zkworkflow.workflow.StepOptions;
import io.zkworkflow.workflow.StepState;
import io.zkworkflow.workflow.StepWait;
import io.zkworkflow.workflow.WorkflowDefinition;
import org.apache.curator.framework.api.transaction.CuratorOp;

/**
 * Prepares the tasks of steps that start, to be committed in the same transaction as the
 * workflow record that marks them RUNNING. The task (the step's {@code @WorkflowTask}) carries
 * the workflow id and step id as
 * attributes, and the step's attempt overrides.
 */
final class StepLauncher {

	/** Task attribute naming the workflow a step task belongs to. */
	static final String WORKFLOW = "zk-workflow.workflow";

	/** Task attribute naming the step a task runs. */
	static final String STEP = "zk-workflow.step";

	/** Task attribute naming the definition of the workflow, with {@link #VERSION}. */
	static final String DEFINITION = "zk-workflow.definition";

	/** Task attribute naming the definition version the workflow started with. */
	static final String VERSION = "zk-workflow.version";

	private final TaskClient tasks;

	private final WorkflowPlanner planner;

	private final FanOutStep fanOut;

	private final ChildWorkflows children;

	StepLauncher(TaskClient tasks, WorkflowPlanner planner, FanOutStep fanOut, ChildWorkflows children) {
		this.tasks = tasks;
		this.planner = planner;
		this.fanOut = fanOut;
		this.children = children;
	}

	/**
	 * Prepare the tasks of {@code start} and record their ids. A step whose task cannot be
	 * prepared (payload too large) fails, which may start the compensation instead.
	 * @return the operations that create the tasks
	 */
	List<CuratorOp> launch(WorkflowDefinition definition, WorkflowRecord record, List<String> start, long now)
			throws Exception {
		List<CuratorOp> ops = new ArrayList<>();
		Deque<String> todo = new ArrayDeque<>(start);
		while (!todo.isEmpty()) {
			String step = todo.removeFirst();
			StepDefinition stepDefinition = definition.steps().get(step);
			if (stepDefinition != null && stepDefinition.fansOut()) {
				ops.addAll(this.fanOut.start(definition, record, step, now));
				if (record.stateOf(step) != StepState.RUNNING) {
					todo.addAll(this.planner.advance(definition, record, now));
				}
				continue;
			}
			if (stepDefinition != null && stepDefinition.waitsFor() instanceof StepWait.Child child) {
				ops.addAll(this.children.start(definition, record, step, child, now));
				if (record.stateOf(step) != StepState.RUNNING) {
					todo.addAll(this.planner.advance(definition, record, now));
				}
				continue;
			}
			try {
				PreparedTask prepared = prepare(definition, record, step, now);
				record.step(step).taskId = prepared.id().toString();
				ops.addAll(prepared.ops());
			}
			catch (TaskSubmitException ex) {
				record.step(step).finishedAt = now;
				this.planner.fail(record, step, "Step '" + step + "' could not be submitted: " + ex.getMessage());
				todo.addAll(this.planner.advance(definition, record, now));
			}
		}
		return ops;
	}

	/**
	 * Add the workflow's definition and version, so that only instances that declare that
	 * version run the task; none for a workflow without one, or whose version no instance
	 * declares any more (its compensation then runs anywhere).
	 */
	static SubmitOptions versioned(SubmitOptions options, WorkflowRecord record) {
		if (record.version == null || record.versionLost) {
			return options;
		}
		return options.attribute(DEFINITION, record.definition).attribute(VERSION, record.version);
	}

	private PreparedTask prepare(WorkflowDefinition definition, WorkflowRecord record, String step, long now) {
		boolean compensation = step.equals(definition.compensation());
		StepDefinition stepDefinition = definition.step(step);
		StepOptions stepOptions = compensation ? definition.compensationOptions()
				: (stepDefinition != null) ? stepDefinition.options() : StepOptions.NONE;
		SubmitOptions base = versioned(SubmitOptions.none().attribute(WORKFLOW, record.id).attribute(STEP, step), record);
		Duration delay = (stepDefinition != null && !compensation)
				? UntilTimer.delayOf(stepDefinition, this.planner.payloadFor(definition, record, step), now) : null;
		if (delay != null) {
			// a durable timer: the task waits in ZooKeeper, so any instance can finish the step
			base = base.delay(delay);
		}
		SubmitOptions options = AttemptLimits.apply(base, stepOptions.attempts(), stepOptions.backoff(),
				stepOptions.timeout());
		if (!compensation) {
			return this.tasks.prepare(definition.taskOf(step), this.planner.payloadFor(definition, record, step), options);
		}
		try {
			return this.tasks.prepare(step, this.planner.compensationInput(definition, record, true), options);
		}
		catch (PayloadTooLargeException ex) {
			return this.tasks.prepare(step, this.planner.compensationInput(definition, record, false), options);
		}
	}

}

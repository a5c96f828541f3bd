package io.zkworkflow.workflow;

import io.micrometer.observation.Observation;
import org.jspecify.annotations.Nullable;

/**
 * Context of the {@code zk.workflow.workflow.start} observation: one call of
 * {@link WorkflowClient#start}. The tasks of the first steps are submitted inside it, so their
 * trace (and with it every step's) continues the starter's.
 */
public final class WorkflowStartContext extends Observation.Context {

	private final String workflowName;

	private @Nullable WorkflowId workflowId;

	private @Nullable String outcome;

	/**
	 * Create a context for a start of the named workflow.
	 * @param workflowName the workflow definition's name
	 */
	public WorkflowStartContext(String workflowName) {
		this.workflowName = workflowName;
	}

	/**
	 * The name of the workflow definition.
	 * @return the name
	 */
	public String getWorkflowName() {
		return this.workflowName;
	}

	/**
	 * The started (or existing) workflow, once known.
	 * @return the id or {@code null}
	 */
	public @Nullable WorkflowId getWorkflowId() {
		return this.workflowId;
	}

	public void setWorkflowId(@Nullable WorkflowId workflowId) {
		this.workflowId = workflowId;
	}

	/**
	 * How the start ended: {@code started}, {@code existing} (the idempotency key was used
	 * already) or {@code failed}; {@code null} while it runs.
	 * @return the outcome or {@code null}
	 */
	public @Nullable String getOutcome() {
		return this.outcome;
	}

	public void setOutcome(@Nullable String outcome) {
		this.outcome = outcome;
	}

}

package io.zkworkflow.workflow;

/**
 * A workflow whose result was awaited ended {@link WorkflowState#CANCELLED}
 * ({@link WorkflowClient#cancel}), so it has no result.
 */
public class WorkflowCancelledException extends RuntimeException {

	private final WorkflowId workflowId;

	public WorkflowCancelledException(WorkflowId workflowId) {
		super("Workflow " + workflowId + " was cancelled; it has no result");
		this.workflowId = workflowId;
	}

	/**
	 * Return the workflow.
	 * @return its id
	 */
	public WorkflowId getWorkflowId() {
		return this.workflowId;
	}

}

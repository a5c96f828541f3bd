package io.zkworkflow.workflow;

/**
 * A workflow whose result was awaited is not in ZooKeeper: it was never started, or it ended
 * longer ago than {@code zk-workflow.workflows.retention} and was removed. A workflow id
 * carries no time, so the two cannot be told apart.
 */
public class UnknownWorkflowException extends RuntimeException {

	private final WorkflowId workflowId;

	public UnknownWorkflowException(WorkflowId workflowId, String message) {
		super(message);
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

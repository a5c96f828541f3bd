package io.zkworkflow.workflow;

/**
 * Starts workflow instances and looks after them. Every method talks to ZooKeeper and
 * returns only after ZooKeeper committed (or refused) its change.
 */
public interface WorkflowClient {

	/**
	 * Start a workflow. Returns once the instance and its first step's task are committed.
	 * @param definition the name of a {@link WorkflowDefinition} bean of this application
	 * @param input the input, turned into JSON with the application's mapper; the first step
	 * receives it as its payload
	 * @return the new workflow's id
	 * @throws WorkflowStartException if the definition is unknown, the input too large, or
	 * ZooKeeper refused the start
	 */
	default WorkflowId start(String definition, Object input) {
		return start(definition, input, StartOptions.none());
	}

	/**
	 * Start a workflow with options. With an idempotency key already used for this
	 * definition, returns the first workflow's id and starts nothing.
	 * @param definition the definition name
	 * @param input the input
	 * @param options the options
	 * @return the workflow's id
	 */
	WorkflowId start(String definition, Object input, StartOptions options);

	/**
	 * Return a snapshot of a workflow: its state and every step's state, attempts and output.
	 * @param id the workflow
	 * @return its status, {@link WorkflowState#UNKNOWN} when not found
	 */
	WorkflowStatus status(WorkflowId id);

	/**
	 * Cancel a workflow: steps already running finish, steps whose task has not started are
	 * withdrawn, nothing new starts, and the compensation step runs if defined.
	 * @param id the workflow
	 * @return whether the workflow was running and is now cancelling (or cancelled)
	 */
	boolean cancel(WorkflowId id);

}

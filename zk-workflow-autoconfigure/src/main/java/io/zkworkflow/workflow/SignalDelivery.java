package io.zkworkflow.workflow;

/**
 * What {@link WorkflowClient#signal} did with a signal.
 */
public enum SignalDelivery {

	/** The step waiting for it consumed it: the step succeeded with the payload as output. */
	DELIVERED,

	/**
	 * The workflow has not reached the step that waits for it yet: the signal is kept in
	 * ZooKeeper and consumed when the step starts. Also returned by an instance that does not
	 * declare the workflow's definition version: it hands the signal on to one that does.
	 */
	BUFFERED,

	/**
	 * A signal of that name was already delivered to the workflow, or is kept for it: the
	 * first one counts, and this one changed nothing (so a retried call is harmless).
	 */
	DUPLICATE

}

package io.zkworkflow.sample.orders;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import io.zkworkflow.task.WorkflowTask;
import io.zkworkflow.workflow.WorkflowCompletion;
import io.zkworkflow.workflow.WorkflowId;
import io.zkworkflow.workflow.WorkflowState;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import org.springframework.stereotype.Component;

/**
 * The completion listener of order fulfilment ({@code onComplete("order-finished")}): a durable
 * task created with the workflow's end, so every order's outcome is seen at least once, on
 * whichever instance claims it, even when the instance that finished the workflow dies at
 * once. A real service would notify the customer here, idempotently on the workflow id.
 */
@Component
class OrderOutcomes {

	/** The listener's task name. */
	static final String TASK = "order-finished";

	private static final Log logger = LogFactory.getLog(OrderOutcomes.class);

	private final Map<WorkflowId, WorkflowState> seenHere = new ConcurrentHashMap<>();

	@WorkflowTask(name = TASK, maxAttempts = 10, backoff = "1s")
	public void finished(WorkflowCompletion completion) {
		this.seenHere.put(completion.id(), completion.state());
		logger.info("Order workflow " + completion.id() + " ended " + completion.state()
				+ ((completion.error() != null) ? ": " + completion.error() : ""));
	}

	/**
	 * Return how an order workflow ended, if this instance ran its listener.
	 * @param id the workflow
	 * @return its final state, or {@code null}
	 */
	@Nullable WorkflowState seenHere(WorkflowId id) {
		return this.seenHere.get(id);
	}

}

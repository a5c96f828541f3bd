package io.zkworkflow.sample.orders;

import java.util.Map;

import io.zkworkflow.task.TaskContext;
import io.zkworkflow.task.WorkflowTask;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.stereotype.Component;

/**
 * The steps of the replacement workflow around its {@code shipment} child: the approval hands
 * the original order to the child, which packs and ships its lines again, and the closing step
 * receives the child's result.
 */
@Component
class ReplacementSteps {

	private static final Log logger = LogFactory.getLog(ReplacementSteps.class);

	private final WorkRecorder work;

	ReplacementSteps(WorkRecorder work) {
		this.work = work;
	}

	@WorkflowTask(name = "approve-replacement", maxAttempts = 5, backoff = "1s")
	public Order approve(Replacement replacement, TaskContext context) {
		Order order = replacement.order();
		this.work.ran(order.id(), "approve-replacement");
		logger.info("approve-replacement for order " + order.id() + ": " + replacement.reason() + ", asked by "
				+ replacement.requestedBy() + " (attempt " + context.attempt() + ")");
		return order;
	}

	@WorkflowTask(name = "close-replacement", maxAttempts = 5, backoff = "1s")
	public Map<String, Object> close(Shipment shipment, TaskContext context) {
		this.work.ran(shipment.orderId(), "close-replacement");
		logger.info("close-replacement for order " + shipment.orderId() + ": shipped again as "
				+ shipment.trackingNumber() + " (attempt " + context.attempt() + ")");
		return Map.of("order", shipment.orderId(), "replaced", true, "trackingNumber", shipment.trackingNumber());
	}

}

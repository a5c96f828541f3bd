package io.zkworkflow.sample.orders;

import java.util.Map;

import io.zkworkflow.task.TaskContext;
import io.zkworkflow.task.WorkflowTask;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.stereotype.Component;

/**
 * The steps of order fulfilment. Each is a durable task: whichever instance claims it runs it,
 * and a crash hands it to another. Steps are idempotent on the order id, as handlers of an
 * effectively-once system should be.
 */
@Component
class OrderSteps {

	private static final Log logger = LogFactory.getLog(OrderSteps.class);

	private final WorkRecorder work;

	OrderSteps(WorkRecorder work) {
		this.work = work;
	}

	@WorkflowTask(name = "audit-order", maxAttempts = 5, backoff = "1s")
	public Map<String, Object> audit(Order order, TaskContext context) {
		return step(order, "audit-order", context);
	}

	@WorkflowTask(name = "reserve-stock", maxAttempts = 5, backoff = "1s")
	public Map<String, Object> reserveStock(Order order, TaskContext context) {
		return step(order, "reserve-stock", context);
	}

	@WorkflowTask(name = "charge-card", maxAttempts = 3, backoff = "2s")
	public Map<String, Object> chargeCard(Order order, TaskContext context) {
		if (order.customerId().startsWith("broke")) {
			throw new IllegalStateException("Card of customer " + order.customerId() + " was declined");
		}
		return step(order, "charge-card", context);
	}

	@WorkflowTask(name = "send-invoice", maxAttempts = 5, backoff = "1s")
	public Map<String, Object> sendInvoice(Order order, TaskContext context) {
		return step(order, "send-invoice", context);
	}

	@WorkflowTask(name = "schedule-shipping", maxAttempts = 5, backoff = "1s")
	public Map<String, Object> scheduleShipping(Order order, TaskContext context) {
		return step(order, "schedule-shipping", context);
	}

	@WorkflowTask(name = "close-order", maxAttempts = 5, backoff = "1s")
	public Map<String, Object> closeOrder(Order order, TaskContext context) {
		return step(order, "close-order", context);
	}

	@WorkflowTask(name = "refund-and-release", maxAttempts = 10, backoff = "1s")
	public Map<String, Object> refundAndRelease(Order order, TaskContext context) {
		return step(order, "refund-and-release", context);
	}

	private Map<String, Object> step(Order order, String step, TaskContext context) {
		this.work.ran(order.id(), step);
		logger.info(step + " for order " + order.id() + " (attempt " + context.attempt() + ")");
		return Map.of("order", order.id(), "step", step, "attempt", context.attempt());
	}

}

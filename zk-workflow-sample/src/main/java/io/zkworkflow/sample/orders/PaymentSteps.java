package io.zkworkflow.sample.orders;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import io.zkworkflow.task.SubmitOptions;
import io.zkworkflow.task.TaskClient;
import io.zkworkflow.task.TaskContext;
import io.zkworkflow.task.WorkflowTask;
import io.zkworkflow.workflow.StepState;
import io.zkworkflow.workflow.StepStatus;
import io.zkworkflow.workflow.WorkflowClient;
import io.zkworkflow.workflow.WorkflowState;
import io.zkworkflow.workflow.WorkflowStatus;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * The steps around the payment wait: {@code reserve-stock} joins the line reservations and
 * schedules the payment reminder, {@code expire-order} is the wait's timeout branch, and
 * {@code payment-reminder} is the reminder itself.
 * <p>
 * The reminder is a delayed task, not a {@code sleep} branch of the workflow: a workflow ends
 * only when all its steps have, so a timer branch beside the payment wait would keep every
 * order that was paid at once open until the reminder's time. A {@code sleep} step fits where
 * the workflow must wait anyway, as the {@code shipment} child does for the courier's pickup
 * (see {@link ShipmentConfiguration}). A delayed task is the same durable timer (a
 * {@code sleep} step is one), fires once (its idempotency key is the order id, so a retried
 * {@code reserve-stock} schedules nothing twice), and sends nothing when the payment already
 * arrived.
 */
@Component
class PaymentSteps {

	/** The reminder's task name. */
	static final String REMINDER = "payment-reminder";

	private static final Log logger = LogFactory.getLog(PaymentSteps.class);

	private final WorkRecorder work;

	private final TaskClient tasks;

	private final WorkflowClient workflows;

	private final Duration reminderDelay;

	PaymentSteps(WorkRecorder work, TaskClient tasks, WorkflowClient workflows,
			@Value("${orders.payment.reminder:5m}") Duration reminderDelay) {
		this.work = work;
		this.tasks = tasks;
		this.workflows = workflows;
		this.reminderDelay = reminderDelay;
	}

	@WorkflowTask(name = "reserve-stock", maxAttempts = 5, backoff = "1s")
	public Order reserveStock(ReservedStock reserved, TaskContext context) {
		Order order = reserved.order();
		List<String> items = reserved.lines().stream().map(LineReservation::item).toList();
		this.work.ran(order.id(), "reserve-stock " + items);
		this.tasks.submit(REMINDER, order.id(),
				SubmitOptions.idempotencyKey(order.id()).delay(this.reminderDelay));
		logger.info("reserve-stock for order " + order.id() + " joined lines " + items + " (attempt "
				+ context.attempt() + ")");
		return order;
	}

	@WorkflowTask(name = "expire-order", maxAttempts = 10, backoff = "1s")
	public Map<String, Object> expireOrder(Order order, TaskContext context) {
		this.work.ran(order.id(), "expire-order");
		logger.info("expire-order for order " + order.id() + ": no payment in time, its stock is released (attempt "
				+ context.attempt() + ")");
		return Map.of("order", order.id(), "expired", true);
	}

	@WorkflowTask(name = REMINDER, maxAttempts = 5, backoff = "1s")
	public void remind(String orderId) {
		WorkflowStatus status = this.workflows.status(OrderFulfilmentConfiguration.workflowOf(orderId));
		StepStatus wait = status.step(OrderFulfilmentConfiguration.PAYMENT_SIGNAL);
		boolean waiting = status.state() == WorkflowState.RUNNING && wait != null && wait.state() == StepState.RUNNING;
		if (waiting) {
			this.work.ran(orderId, REMINDER);
			logger.info("Payment reminder for order " + orderId + ": still waiting for its payment");
		}
		else {
			this.work.ran(orderId, REMINDER + " not needed");
		}
	}

}

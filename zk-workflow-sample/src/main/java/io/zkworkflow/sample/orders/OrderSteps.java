package io.zkworkflow.sample.orders;

import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

import io.zkworkflow.task.TaskContext;
import io.zkworkflow.task.WorkflowTask;
import io.zkworkflow.workflow.CompensationInput;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.stereotype.Component;

/**
 * The steps of order fulfilment. Each is a durable task: whichever instance claims it runs it,
 * and a crash hands it to another. A step receives its predecessor's output (here: the order
 * itself), a join step receives its predecessors' outputs by step name, and the step after the
 * line fan-out receives the reservations in the order of the lines. Steps are idempotent on the
 * order id, as handlers of an effectively-once system should be.
 */
@Component
class OrderSteps {

	private static final Log logger = LogFactory.getLog(OrderSteps.class);

	private final WorkRecorder work;

	OrderSteps(WorkRecorder work) {
		this.work = work;
	}

	@WorkflowTask(name = "audit-order", maxAttempts = 5, backoff = "1s")
	public String audit(Order order, TaskContext context) {
		ran(order.id(), "audit-order", context);
		return "audited " + order.id();
	}

	@WorkflowTask(name = "accept-order", maxAttempts = 5, backoff = "1s")
	public Order acceptOrder(Order order, TaskContext context) {
		ran(order.id(), "accept-order", context);
		return order;
	}

	@WorkflowTask(name = "list-lines", maxAttempts = 5, backoff = "1s")
	public List<LineToReserve> listLines(Order order, TaskContext context) {
		ran(order.id(), "list-lines", context);
		return IntStream.range(0, order.lines().size()).mapToObj((index) -> {
			OrderLine line = order.lines().get(index);
			return new LineToReserve(order.id(), index, line.item(), line.quantity());
		}).toList();
	}

	@WorkflowTask(name = "reserve-line", maxAttempts = 5, backoff = "1s")
	public LineReservation reserveLine(LineToReserve line, TaskContext context) {
		ran(line.orderId(), "reserve-line " + line.index(), context);
		return new LineReservation(line.index(), line.item(), line.quantity());
	}

	@WorkflowTask(name = "charge-card", maxAttempts = 2, backoff = "1s")
	public Order chargeCard(PaidOrder paid, TaskContext context) {
		Order order = paid.order();
		ran(order.id(), "charge-card", context);
		if (order.customerId().startsWith("broke")) {
			throw new IllegalStateException("Card of customer " + order.customerId() + " was declined");
		}
		return order;
	}

	@WorkflowTask(name = "send-invoice", maxAttempts = 5, backoff = "1s")
	public Order sendInvoice(Order order, TaskContext context) {
		ran(order.id(), "send-invoice", context);
		return order;
	}

	@WorkflowTask(name = "close-order", maxAttempts = 5, backoff = "1s")
	public Map<String, Object> closeOrder(ShippedOrder shipped, TaskContext context) {
		Order order = shipped.order();
		ran(order.id(), "close-order", context);
		return Map.of("order", order.id(), "closed", true, "trackingNumber", shipped.shipment().trackingNumber());
	}

	@WorkflowTask(name = "refund-and-release", maxAttempts = 10, backoff = "1s")
	public Map<String, Object> refundAndRelease(CompensationInput failure, TaskContext context) {
		String orderId = (failure.input() != null) ? failure.input().path("id").asString() : "?";
		ran(orderId, "refund-and-release", context);
		return Map.of("order", orderId, "refunded", true, "failedStep", String.valueOf(failure.failedStep()));
	}

	private void ran(String orderId, String step, TaskContext context) {
		this.work.ran(orderId, step);
		logger.info(step + " for order " + orderId + " (attempt " + context.attempt() + ")");
	}

}

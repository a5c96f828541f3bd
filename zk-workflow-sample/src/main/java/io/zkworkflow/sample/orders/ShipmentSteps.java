package io.zkworkflow.sample.orders;

import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import io.zkworkflow.task.TaskContext;
import io.zkworkflow.task.WorkflowTask;
import io.zkworkflow.workflow.CompensationInput;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.stereotype.Component;

/**
 * The steps of the {@code shipment} child workflow. Between {@code pack-parcel} and
 * {@code hand-to-courier} the parcel waits for the courier's pickup in a {@code sleep} step:
 * a delayed task in ZooKeeper, not a thread, so any instance hands the parcel over once the
 * time has come, even when the one that packed it has stopped.
 */
@Component
class ShipmentSteps {

	/** Workflow attribute of a step's task: the id of the workflow it belongs to. */
	private static final String WORKFLOW_ATTRIBUTE = "zk-workflow.workflow";

	private static final Log logger = LogFactory.getLog(ShipmentSteps.class);

	private final WorkRecorder work;

	ShipmentSteps(WorkRecorder work) {
		this.work = work;
	}

	@WorkflowTask(name = "pack-parcel", maxAttempts = 5, backoff = "1s")
	public Parcel pack(Order order, TaskContext context) {
		ran(order.id(), "pack-parcel", context);
		List<String> items = order.lines().stream().map((line) -> line.quantity() + " x " + line.item()).toList();
		return new Parcel(order.id(), items);
	}

	/**
	 * Hand the parcel to the courier. The tracking number derives from the shipment
	 * workflow's id, so a retried hand-over books the same number, and a replacement (another
	 * shipment of the same order) gets a number of its own.
	 * @param parcel what {@code pack-parcel} packed, passed on unchanged by the timer
	 * @param context the task's context
	 * @return the shipment
	 */
	@WorkflowTask(name = "hand-to-courier", maxAttempts = 5, backoff = "1s")
	public Shipment handToCourier(Parcel parcel, TaskContext context) {
		ran(parcel.orderId(), "hand-to-courier", context);
		String shipment = context.attributes().getOrDefault(WORKFLOW_ATTRIBUTE, context.taskId().uid());
		String trackingNumber = "ZK" + HexFormat.of().toHexDigits(shipment.hashCode()).toUpperCase(Locale.ROOT);
		return new Shipment(parcel.orderId(), trackingNumber, parcel.items());
	}

	@WorkflowTask(name = "unpack-parcel", maxAttempts = 10, backoff = "1s")
	public Map<String, Object> unpack(CompensationInput stopped, TaskContext context) {
		String orderId = (stopped.input() != null) ? stopped.input().path("id").asString() : "?";
		ran(orderId, "unpack-parcel", context);
		return Map.of("order", orderId, "unpacked", true, "cancelled", stopped.cancelled());
	}

	private void ran(String orderId, String step, TaskContext context) {
		this.work.ran(orderId, step);
		logger.info(step + " for order " + orderId + " (attempt " + context.attempt() + ")");
	}

}

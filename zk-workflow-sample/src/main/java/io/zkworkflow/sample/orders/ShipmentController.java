package io.zkworkflow.sample.orders;

import io.zkworkflow.workflow.WorkflowClient;
import io.zkworkflow.workflow.WorkflowId;
import io.zkworkflow.workflow.WorkflowState;
import io.zkworkflow.workflow.WorkflowStatus;

import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

/**
 * The shipment of an order: {@code GET /orders/{id}/shipment} shows the {@code shipment} child
 * workflow of its fulfilment (packed, waiting for the courier, handed over).
 */
@RestController
class ShipmentController {

	private final WorkflowClient workflows;

	ShipmentController(WorkflowClient workflows) {
		this.workflows = workflows;
	}

	@GetMapping("/orders/{id}/shipment")
	WorkflowStatus shipment(@PathVariable String id) {
		WorkflowId shipment = ShipmentConfiguration.shipmentOf(existing(id));
		WorkflowStatus status = (shipment != null) ? this.workflows.status(shipment) : null;
		if (status == null || status.state() == WorkflowState.UNKNOWN) {
			throw new ResponseStatusException(HttpStatus.NOT_FOUND, "Order '" + id
					+ "' has no shipment: it starts once the payment is charged, and not at all for an order that ended before");
		}
		return status;
	}

	private WorkflowStatus existing(String id) {
		WorkflowStatus status = this.workflows.status(OrderFulfilmentConfiguration.workflowOf(id));
		if (status.state() == WorkflowState.UNKNOWN) {
			throw new ResponseStatusException(HttpStatus.NOT_FOUND, "No order '" + id + "'");
		}
		return status;
	}

}

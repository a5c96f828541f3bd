package io.zkworkflow.sample.orders;

import java.security.Principal;
import java.util.LinkedHashMap;
import java.util.Map;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.validation.Valid;

import io.zkworkflow.workflow.StartOptions;
import io.zkworkflow.workflow.StepState;
import io.zkworkflow.workflow.StepStatus;
import io.zkworkflow.workflow.WorkflowClient;
import io.zkworkflow.workflow.WorkflowId;
import io.zkworkflow.workflow.WorkflowState;
import io.zkworkflow.workflow.WorkflowStatus;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

/**
 * The shipments of an order: {@code GET /orders/{id}/shipment} shows the {@code shipment}
 * child workflow of its fulfilment (packed, waiting for the courier, handed over);
 * {@code POST /orders/{id}/replacement} ships a delivered order again through the
 * {@code order-replacement} workflow, which runs the same child, and
 * {@code GET /orders/{id}/replacement} shows it. A replacement is for whoever placed the order
 * or an admin, once per order: a second request answers 200 with the first replacement and
 * changes nothing; an order that was not delivered (still running, cancelled, failed, or
 * expired unpaid) answers 409.
 */
@RestController
class ShipmentController {

	private final WorkflowClient workflows;

	private final JsonMapper json;

	ShipmentController(WorkflowClient workflows, JsonMapper json) {
		this.workflows = workflows;
		this.json = json;
	}

	@GetMapping("/orders/{id}/shipment")
	WorkflowStatus shipment(@PathVariable String id) {
		WorkflowId shipment = ShipmentConfiguration.shipmentOf(existing(id));
		if (shipment != null) {
			WorkflowStatus status = this.workflows.status(shipment);
			if (status.state() != WorkflowState.UNKNOWN) {
				return status;
			}
		}
		throw new ResponseStatusException(HttpStatus.NOT_FOUND, "Order '" + id
				+ "' has no shipment: it starts once the payment is charged, and not at all for an order that ended before");
	}

	@PostMapping("/orders/{id}/replacement")
	ResponseEntity<Map<String, Object>> replace(@PathVariable String id, @Valid @RequestBody ReplacementRequest request,
			Principal user, HttpServletRequest http) {
		WorkflowStatus order = existing(id);
		if (!user.getName().equals(OrderController.ownerOf(order)) && !http.isUserInRole(OrderController.ADMIN_ROLE)) {
			throw new ResponseStatusException(HttpStatus.FORBIDDEN,
					"A replacement of order '" + id + "' may be asked for only by the user who placed it or an admin");
		}
		if (!delivered(order)) {
			throw new ResponseStatusException(HttpStatus.CONFLICT, "Order '" + id + "' was not delivered (it is "
					+ order.state() + ", its shipment " + shipmentState(order) + "); only a delivered order is replaced");
		}
		Map<String, Object> body = new LinkedHashMap<>();
		body.put("orderId", id);
		WorkflowStatus earlier = this.workflows.status(ReplacementConfiguration.workflowOf(id));
		if (earlier.state() != WorkflowState.UNKNOWN) {
			body.put("replacement", earlier.id().toString());
			body.put("detail", "A replacement of order '" + id + "' was already asked for; this request changed nothing");
			return ResponseEntity.ok(body);
		}
		Order placed = this.json.treeToValue(order.input(), Order.class);
		WorkflowId replacement = this.workflows.start(ReplacementConfiguration.NAME,
				new Replacement(placed, request.reason(), user.getName()), StartOptions.idempotencyKey(id));
		body.put("replacement", replacement.toString());
		return ResponseEntity.status(HttpStatus.ACCEPTED).body(body);
	}

	@GetMapping("/orders/{id}/replacement")
	WorkflowStatus replacement(@PathVariable String id) {
		WorkflowStatus status = this.workflows.status(ReplacementConfiguration.workflowOf(id));
		if (status.state() == WorkflowState.UNKNOWN) {
			throw new ResponseStatusException(HttpStatus.NOT_FOUND, "No replacement of order '" + id + "'");
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

	private static boolean delivered(WorkflowStatus order) {
		StepStatus shipment = order.step(ShipmentConfiguration.NAME);
		return order.state() == WorkflowState.COMPLETED && shipment != null && shipment.state() == StepState.SUCCEEDED;
	}

	private static String shipmentState(WorkflowStatus order) {
		StepStatus shipment = order.step(ShipmentConfiguration.NAME);
		return (shipment != null) ? shipment.state().toString() : "unknown";
	}

}

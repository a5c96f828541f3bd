package io.zkworkflow.sample.orders;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

import io.zkworkflow.sample.pricing.Pricing;
import io.zkworkflow.task.SubmitOptions;
import io.zkworkflow.task.TaskClient;
import io.zkworkflow.task.TaskId;
import io.zkworkflow.workflow.StartOptions;
import io.zkworkflow.workflow.WorkflowClient;
import io.zkworkflow.workflow.WorkflowId;
import io.zkworkflow.workflow.WorkflowStatus;

import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code POST /orders} places an order: prices it with the live rules, starts its fulfilment
 * workflow and submits its audit task, both keyed by the order id so that a retried request
 * places nothing twice. {@code GET /orders/{id}} shows the workflow's progress.
 */
@RestController
class OrderController {

	private final TaskClient tasks;

	private final WorkflowClient workflows;

	private final Pricing pricing;

	OrderController(TaskClient tasks, WorkflowClient workflows, Pricing pricing) {
		this.tasks = tasks;
		this.workflows = workflows;
		this.pricing = pricing;
	}

	@PostMapping("/orders")
	ResponseEntity<Map<String, Object>> place(@RequestBody OrderRequest request) {
		if (!this.pricing.isCheckoutEnabled()) {
			return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE)
				.body(Map.of("refused", "checkout is switched off (orders.checkout-enabled=false)"));
		}
		String id = (request.id() != null) ? request.id() : UUID.randomUUID().toString();
		Order order = new Order(id, request.customerId(), request.item(), request.quantity(),
				this.pricing.total(request.unitPrice(), request.quantity()));
		WorkflowId workflow = this.workflows.start(OrderFulfilmentConfiguration.NAME, order, StartOptions.idempotencyKey(id));
		TaskId audit = this.tasks.submit("audit-order", order, SubmitOptions.idempotencyKey(id));
		Map<String, Object> body = new LinkedHashMap<>();
		body.put("orderId", id);
		body.put("amount", order.amount());
		body.put("workflow", workflow.toString());
		body.put("auditTask", audit.toString());
		return ResponseEntity.status(HttpStatus.ACCEPTED).body(body);
	}

	@GetMapping("/orders/{id}")
	WorkflowStatus order(@PathVariable String id) {
		return this.workflows.status(WorkflowId.forKey(OrderFulfilmentConfiguration.NAME, id));
	}

	@PostMapping("/orders/{id}/cancel")
	Map<String, Object> cancel(@PathVariable String id) {
		return Map.of("cancelled", this.workflows.cancel(WorkflowId.forKey(OrderFulfilmentConfiguration.NAME, id)));
	}

	@GetMapping("/tasks/{name}/{uid}")
	Object task(@PathVariable String name, @PathVariable String uid) {
		return this.tasks.status(new TaskId(name, uid));
	}

}

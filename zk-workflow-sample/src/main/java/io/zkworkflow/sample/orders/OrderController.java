package io.zkworkflow.sample.orders;

import java.math.BigDecimal;
import java.security.Principal;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.validation.Valid;

import io.zkworkflow.sample.pricing.Pricing;
import io.zkworkflow.task.SubmitOptions;
import io.zkworkflow.task.TaskClient;
import io.zkworkflow.task.TaskId;
import io.zkworkflow.workflow.SignalDelivery;
import io.zkworkflow.workflow.StartOptions;
import io.zkworkflow.workflow.StepState;
import io.zkworkflow.workflow.StepStatus;
import io.zkworkflow.workflow.UnknownWorkflowException;
import io.zkworkflow.workflow.WorkflowCancelledException;
import io.zkworkflow.workflow.WorkflowClient;
import io.zkworkflow.workflow.WorkflowFailedException;
import io.zkworkflow.workflow.WorkflowId;
import io.zkworkflow.workflow.WorkflowResultTimeoutException;
import io.zkworkflow.workflow.WorkflowSignalException;
import io.zkworkflow.workflow.WorkflowState;
import io.zkworkflow.workflow.WorkflowStatus;

import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

import org.springframework.boot.convert.DurationStyle;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

/**
 * {@code POST /orders} places an order for the logged-in user: prices it with the live rules,
 * starts its fulfilment workflow and submits its audit task, both keyed by the order id so that
 * a retried request places nothing twice. With {@code ?await=5s} it waits that long (at most
 * {@value #MAX_AWAIT_SECONDS}s) for the workflow's end and answers 200 with its outcome, or 202
 * as without it when the time runs out; an order waits for its payment, so until
 * {@code POST /orders/{id}/payment} confirms it the answer is 202. {@code GET /orders/{id}}
 * shows the workflow's progress; {@code POST /orders/{id}/payment} and
 * {@code POST /orders/{id}/cancel} are for whoever placed the order or an admin. Errors are
 * problem details: 400 with the fields at fault, 403, 404, 409 and 503.
 */
@RestController
class OrderController {

	/** Role of the users who may cancel any order (see security/SampleSecurity). */
	static final String ADMIN_ROLE = "ZK_WORKFLOW_ADMIN";

	/** Longest wait for an order's outcome: a waiting request holds a server thread. */
	static final long MAX_AWAIT_SECONDS = 30;

	private final TaskClient tasks;

	private final WorkflowClient workflows;

	private final Pricing pricing;

	OrderController(TaskClient tasks, WorkflowClient workflows, Pricing pricing) {
		this.tasks = tasks;
		this.workflows = workflows;
		this.pricing = pricing;
	}

	@PostMapping("/orders")
	ResponseEntity<Map<String, Object>> place(@Valid @RequestBody OrderRequest request,
			@RequestParam(name = "await", required = false) @Nullable String await, Principal user) {
		Duration wait = (await != null) ? awaitOf(await) : null;
		if (!this.pricing.isCheckoutEnabled()) {
			throw new ResponseStatusException(HttpStatus.SERVICE_UNAVAILABLE,
					"Checkout is switched off (orders.checkout-enabled=false); try again later");
		}
		String id = (request.id() != null) ? request.id() : UUID.randomUUID().toString();
		WorkflowStatus earlier = this.workflows.status(workflowOf(id));
		if (earlier.state() != WorkflowState.UNKNOWN && !user.getName().equals(ownerOf(earlier))) {
			throw new ResponseStatusException(HttpStatus.CONFLICT,
					"Order '" + id + "' was placed by another user; choose another id or leave it out");
		}
		BigDecimal gross = request.lines()
			.stream()
			.map((line) -> line.unitPrice().multiply(BigDecimal.valueOf(line.quantity())))
			.reduce(BigDecimal.ZERO, BigDecimal::add);
		Order order = new Order(id, user.getName(), request.customerId(), request.lines(), this.pricing.total(gross));
		WorkflowId workflow = this.workflows.start(OrderFulfilmentConfiguration.NAME, order, StartOptions.idempotencyKey(id));
		TaskId audit = this.tasks.submit("audit-order", order, SubmitOptions.idempotencyKey(id));
		Map<String, Object> body = new LinkedHashMap<>();
		body.put("orderId", id);
		body.put("amount", order.amount());
		body.put("workflow", workflow.toString());
		body.put("auditTask", audit.toString());
		if (wait == null) {
			return ResponseEntity.status(HttpStatus.ACCEPTED).body(body);
		}
		return awaited(workflow, wait, body);
	}

	private ResponseEntity<Map<String, Object>> awaited(WorkflowId workflow, Duration wait, Map<String, Object> body) {
		try {
			JsonNode result = this.workflows.result(workflow, JsonNode.class, wait);
			body.put("state", WorkflowState.COMPLETED);
			body.put("result", result);
		}
		catch (WorkflowResultTimeoutException ex) {
			// still running: the client polls GET /orders/{id} as without await
			return ResponseEntity.status(HttpStatus.ACCEPTED).body(body);
		}
		catch (WorkflowFailedException ex) {
			body.put("state", WorkflowState.FAILED);
			body.put("failedStep", ex.getFailedStep());
			body.put("error", ex.getError());
		}
		catch (WorkflowCancelledException ex) {
			body.put("state", WorkflowState.CANCELLED);
		}
		return ResponseEntity.ok(body);
	}

	private static Duration awaitOf(String await) {
		Duration wait;
		try {
			wait = DurationStyle.detectAndParse(await.trim());
		}
		catch (IllegalArgumentException ex) {
			throw new ResponseStatusException(HttpStatus.BAD_REQUEST,
					"await " + quote(await) + " is not a duration; use for example await=5s or await=500ms");
		}
		if (wait.isNegative() || wait.compareTo(Duration.ofSeconds(MAX_AWAIT_SECONDS)) > 0) {
			throw new ResponseStatusException(HttpStatus.BAD_REQUEST, "await " + quote(await) + " must be between 0s and "
					+ MAX_AWAIT_SECONDS + "s; leave it out and poll GET /orders/{id} for longer waits");
		}
		return wait;
	}

	private static String quote(String text) {
		return "'" + ((text.length() > 200) ? text.substring(0, 200) + "...' (" + text.length() + " characters)"
				: text + "'");
	}

	@GetMapping("/orders/{id}")
	WorkflowStatus order(@PathVariable String id) {
		return existing(id);
	}

	@PostMapping("/orders/{id}/cancel")
	Map<String, Object> cancel(@PathVariable String id, Principal user, HttpServletRequest request) {
		WorkflowStatus order = existing(id);
		if (!user.getName().equals(ownerOf(order)) && !request.isUserInRole(ADMIN_ROLE)) {
			throw new ResponseStatusException(HttpStatus.FORBIDDEN,
					"Order '" + id + "' may be cancelled only by the user who placed it or an admin");
		}
		return Map.of("cancelled", this.workflows.cancel(order.id()));
	}

	/**
	 * Confirm an order's payment: sends the {@code payment-confirmed} signal its workflow waits
	 * for (kept for it if the lines are still being reserved). A second confirmation changes
	 * nothing and answers 200 with {@code "payment": "DUPLICATE"}, also once the paid order has
	 * ended, so a client may retry one whose answer it lost; a confirmation the workflow can no
	 * longer take (it was cancelled or failed before its payment, or its wait timed out) answers
	 * 409 with the reason.
	 */
	@PostMapping("/orders/{id}/payment")
	Map<String, Object> pay(@PathVariable String id, @Valid @RequestBody(required = false) @Nullable PaymentRequest payment,
			Principal user, HttpServletRequest request) {
		WorkflowStatus order = existing(id);
		if (!user.getName().equals(ownerOf(order)) && !request.isUserInRole(ADMIN_ROLE)) {
			throw new ResponseStatusException(HttpStatus.FORBIDDEN,
					"The payment of order '" + id + "' may be confirmed only by the user who placed it or an admin");
		}
		SignalDelivery delivery;
		try {
			delivery = this.workflows.signal(order.id(), OrderFulfilmentConfiguration.PAYMENT_SIGNAL,
					new Payment((payment != null) ? payment.reference() : null, user.getName()));
		}
		catch (UnknownWorkflowException ex) {
			throw new ResponseStatusException(HttpStatus.NOT_FOUND, "No order '" + id + "'");
		}
		catch (WorkflowSignalException ex) {
			// a retry of a confirmation that was applied, to an order that has ended since
			if (!paid(this.workflows.status(order.id()))) {
				throw new ResponseStatusException(HttpStatus.CONFLICT,
						"Order '" + id + "' takes no payment any more: " + ex.getMessage());
			}
			delivery = SignalDelivery.DUPLICATE;
		}
		Map<String, Object> body = new LinkedHashMap<>();
		body.put("orderId", id);
		body.put("payment", delivery);
		if (delivery == SignalDelivery.DUPLICATE) {
			body.put("detail", "The payment of order '" + id + "' was already confirmed; this confirmation changed nothing");
		}
		return body;
	}

	@GetMapping("/tasks/{name}/{uid}")
	Object task(@PathVariable String name, @PathVariable String uid) {
		return this.tasks.status(new TaskId(name, uid));
	}

	private WorkflowStatus existing(String id) {
		WorkflowStatus status = this.workflows.status(workflowOf(id));
		if (status.state() == WorkflowState.UNKNOWN) {
			throw new ResponseStatusException(HttpStatus.NOT_FOUND, "No order '" + id + "'");
		}
		return status;
	}

	private static WorkflowId workflowOf(String orderId) {
		return OrderFulfilmentConfiguration.workflowOf(orderId);
	}

	private static boolean paid(WorkflowStatus order) {
		StepStatus payment = order.step(OrderFulfilmentConfiguration.PAYMENT_SIGNAL);
		// a wait that timed out also SUCCEEDED, with an error saying so
		return payment != null && payment.state() == StepState.SUCCEEDED && payment.error() == null;
	}

	static String ownerOf(WorkflowStatus order) {
		return (order.input() != null) ? order.input().path("owner").asString() : "";
	}

}

package io.zkworkflow.workflow;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import io.zkworkflow.task.TaskContext;
import io.zkworkflow.task.WorkflowTask;
import tools.jackson.databind.JsonNode;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The order-fulfilment and approval workflows and their step handlers. Handlers record what
 * they saw in static queues shared by every instance of the JVM.
 */
@Configuration(proxyBeanMethods = false)
class OrderWorkflows {

	/** "workflowId step start|end" in the order things happened. */
	static final Queue<String> journal = new ConcurrentLinkedQueue<>();

	static final Map<String, Object> received = new ConcurrentHashMap<>();

	static final Map<String, AtomicInteger> compensations = new ConcurrentHashMap<>();

	static final Map<String, CountDownLatch> gates = new ConcurrentHashMap<>();

	record Order(String id, int amount, boolean failCharge, boolean hold) {
	}

	record Reservation(String orderId, int amount) {
	}

	@Bean
	WorkflowDefinition orderFulfilment() {
		return WorkflowDefinition.named("order-fulfilment")
			.step("reserve-stock")
			.then("charge-card")
			.thenParallel("send-invoice", "schedule-shipping")
			.then("close-order")
			.onFailure("refund-and-release")
			.options("charge-card", StepOptions.maxAttempts(2).backoff(Duration.ofMillis(50)))
			.build();
	}

	@Bean
	WorkflowDefinition approval() {
		return WorkflowDefinition.named("approval")
			.step("assess")
			.choice((assessment) -> assessment.path("approved").asBoolean(), "approve", "reject")
			.then("notify")
			.build();
	}

	@Bean
	Handlers orderHandlers() {
		return new Handlers();
	}

	static class Handlers {

		@WorkflowTask(name = "reserve-stock")
		Reservation reserve(Order order, TaskContext context) throws InterruptedException {
			String id = workflowId(context);
			log(id, "reserve-stock", "start");
			received.put(id + " reserve-stock", order);
			if (order.hold()) {
				CountDownLatch gate = gates.computeIfAbsent(order.id(), (key) -> new CountDownLatch(1));
				gate.await(30, TimeUnit.SECONDS);
			}
			log(id, "reserve-stock", "end");
			return new Reservation(order.id(), order.amount());
		}

		@WorkflowTask(name = "charge-card", maxAttempts = 5)
		Map<String, Object> charge(Reservation reservation, TaskContext context) {
			String id = workflowId(context);
			log(id, "charge-card", "start");
			received.put(id + " charge-card", reservation);
			if (reservation.orderId().startsWith("fail")) {
				throw new IllegalStateException("card declined");
			}
			log(id, "charge-card", "end");
			return Map.of("orderId", reservation.orderId(), "charged", reservation.amount());
		}

		@WorkflowTask(name = "send-invoice")
		String invoice(JsonNode charge, TaskContext context) {
			return simple(context, "send-invoice", charge, "invoice-" + charge.path("orderId").asString());
		}

		@WorkflowTask(name = "schedule-shipping")
		String ship(JsonNode charge, TaskContext context) {
			return simple(context, "schedule-shipping", charge, "shipment-" + charge.path("orderId").asString());
		}

		@WorkflowTask(name = "close-order")
		List<String> close(Map<String, String> parents, TaskContext context) {
			String id = workflowId(context);
			log(id, "close-order", "start");
			received.put(id + " close-order", parents);
			log(id, "close-order", "end");
			return List.copyOf(new java.util.TreeSet<>(parents.values()));
		}

		@WorkflowTask(name = "refund-and-release")
		void compensate(CompensationInput input, TaskContext context) {
			log(workflowId(context), "refund-and-release", "start");
			received.put(input.workflowId() + " refund-and-release", input);
			compensations.computeIfAbsent(input.workflowId(), (key) -> new AtomicInteger()).incrementAndGet();
		}

		@WorkflowTask(name = "assess")
		Map<String, Object> assess(int amount, TaskContext context) {
			return Map.of("approved", amount < 100, "amount", amount);
		}

		@WorkflowTask(name = "approve")
		String approve(JsonNode assessment, TaskContext context) {
			return simple(context, "approve", assessment, "approved");
		}

		@WorkflowTask(name = "reject")
		String reject(JsonNode assessment, TaskContext context) {
			return simple(context, "reject", assessment, "rejected");
		}

		@WorkflowTask(name = "notify")
		String notifyCustomer(Map<String, String> decided, TaskContext context) {
			received.put(workflowId(context) + " notify", decided);
			return "notified:" + decided.values();
		}

		private static String simple(TaskContext context, String step, JsonNode input, String result) {
			String id = workflowId(context);
			log(id, step, "start");
			received.put(id + " " + step, input);
			log(id, step, "end");
			return result;
		}

	}

	static String workflowId(TaskContext context) {
		return context.attributes().getOrDefault("zk-workflow.workflow", "?");
	}

	static void log(String workflowId, String step, String what) {
		journal.add(workflowId + " " + step + " " + what);
	}

	/** Position of an entry in the journal, -1 if absent. */
	static int position(String workflowId, String step, String what) {
		int index = 0;
		for (String entry : journal) {
			if (entry.equals(workflowId + " " + step + " " + what)) {
				return index;
			}
			index++;
		}
		return -1;
	}

}

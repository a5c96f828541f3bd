package io.zkworkflow.sample.orders;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

import io.zkworkflow.sample.SampleClient;
import io.zkworkflow.workflow.StepState;
import io.zkworkflow.workflow.WorkflowClient;
import io.zkworkflow.workflow.WorkflowState;
import io.zkworkflow.workflow.WorkflowStatus;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The order's lines fanned out and joined in their order, and its payment confirmed over REST:
 * the signal completes the order, a second confirmation changes nothing, and confirmations of
 * unknown, someone else's or finished orders are refused. Runs in the context of
 * {@link OrderApiTests} (same properties), whose payment wait is the default 15 minutes.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "zk-workflow.embedded.port=0", "zk-workflow.security.digest=sample:sample-secret" })
class OrderPaymentTests {

	private static final ParameterizedTypeReference<Map<String, Object>> JSON = new ParameterizedTypeReference<>() {
	};

	@LocalServerPort
	int port;

	@Autowired
	WorkflowClient workflows;

	@Autowired
	WorkRecorder work;

	@Test
	void theLinesFanOutAndAreJoinedInTheirOrder() {
		SampleClient client = SampleClient.on(this.port);
		List<String> items = IntStream.range(0, 9).mapToObj((i) -> "item-" + (char) ('a' + i)).toList();
		List<Map<String, Object>> lines = IntStream.range(0, items.size())
			.mapToObj((i) -> Map.<String, Object>of("item", items.get(i), "quantity", i + 1, "unitPrice", 3))
			.toList();
		assertThat(place(client, "alice", Map.of("id", "pay-lines", "customerId", "c1", "lines", lines)).getStatusCode()
			.value()).isEqualTo(202);
		WorkflowStatus waiting = await().atMost(Duration.ofSeconds(30))
			.until(() -> this.workflows.status(OrderFulfilmentConfiguration.workflowOf("pay-lines")),
					(status) -> status.step("payment-confirmed").state() == StepState.RUNNING);
		JsonNode joined = waiting.step("reserve-line").output();
		assertThat(joined.size()).isEqualTo(items.size());
		for (int i = 0; i < items.size(); i++) {
			assertThat(joined.get(i).get("index").asInt()).isEqualTo(i);
			assertThat(joined.get(i).get("item").asString()).isEqualTo(items.get(i));
			assertThat(joined.get(i).get("quantity").asInt()).isEqualTo(i + 1);
		}
		List<String> steps = this.work.stepsOf("pay-lines");
		assertThat(steps).filteredOn((step) -> step.startsWith("reserve-line "))
			.containsExactlyInAnyOrderElementsOf(IntStream.range(0, items.size()).mapToObj((i) -> "reserve-line " + i).toList());
		assertThat(steps).contains("reserve-stock " + items);
		assertThat(steps).doesNotContain("charge-card");
	}

	@Test
	void aConfirmedPaymentCompletesTheOrderAndASecondOneChangesNothing() {
		SampleClient client = SampleClient.on(this.port);
		assertThat(client.placeOrder("alice", "pay-ok", "c1")).isEqualTo(202);
		await().atMost(Duration.ofSeconds(30))
			.until(() -> this.workflows.status(OrderFulfilmentConfiguration.workflowOf("pay-ok"))
				.step("payment-confirmed")
				.state() == StepState.RUNNING);
		ResponseEntity<Map<String, Object>> paid = pay(client, "alice", "pay-ok", "{\"reference\": \"psp-4711\"}");
		assertThat(paid.getStatusCode().value()).isEqualTo(200);
		assertThat(paid.getBody()).containsEntry("orderId", "pay-ok").containsEntry("payment", "DELIVERED");
		ResponseEntity<Map<String, Object>> again = pay(client, "alice", "pay-ok", null);
		assertThat(again.getStatusCode().value()).isEqualTo(200);
		assertThat(again.getBody()).containsEntry("payment", "DUPLICATE");
		assertThat(again.getBody().get("detail")).asString().contains("already confirmed");
		WorkflowStatus done = await().atMost(Duration.ofSeconds(30))
			.until(() -> this.workflows.status(OrderFulfilmentConfiguration.workflowOf("pay-ok")),
					(status) -> status.state() == WorkflowState.COMPLETED);
		JsonNode payment = done.step("payment-confirmed").output();
		assertThat(payment.get("reference").asString()).isEqualTo("psp-4711");
		assertThat(payment.get("confirmedBy").asString()).isEqualTo("alice");
		assertThat(done.step("expire-order").state()).isEqualTo(StepState.SKIPPED);
		assertThat(this.work.stepsOf("pay-ok")).containsOnlyOnce("charge-card").doesNotContain("expire-order");
		ResponseEntity<Map<String, Object>> afterTheEnd = pay(client, "alice", "pay-ok", null);
		assertThat(afterTheEnd.getStatusCode().value()).as("a retry once the paid order ended").isEqualTo(200);
		assertThat(afterTheEnd.getBody()).containsEntry("payment", "DUPLICATE");
	}

	@Test
	void aPaymentSentRightAfterPlacingIsKeptUntilTheOrderWaitsForIt() {
		SampleClient client = SampleClient.on(this.port);
		assertThat(client.placeOrder("alice", "pay-early", "c1")).isEqualTo(202);
		ResponseEntity<Map<String, Object>> paid = pay(client, "admin", "pay-early", null);
		assertThat(paid.getStatusCode().value()).as("an admin may confirm it").isEqualTo(200);
		assertThat(paid.getBody().get("payment")).isIn("BUFFERED", "DELIVERED");
		await().atMost(Duration.ofSeconds(30))
			.until(() -> this.workflows.status(OrderFulfilmentConfiguration.workflowOf("pay-early"))
				.state() == WorkflowState.COMPLETED);
	}

	@Test
	void refusedConfirmationsSayWhy() {
		SampleClient client = SampleClient.on(this.port);
		ResponseEntity<Map<String, Object>> unknown = pay(client, "alice", "pay-no-such-order", null);
		assertThat(unknown.getStatusCode().value()).isEqualTo(404);
		assertThat(unknown.getHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
		assertThat(client.placeOrder("alice", "pay-refused", "c1")).isEqualTo(202);
		ResponseEntity<Map<String, Object>> byBob = pay(client, "bob", "pay-refused", null);
		assertThat(byBob.getStatusCode().value()).isEqualTo(403);
		assertThat(byBob.getBody().get("detail")).asString().contains("only by the user who placed it or an admin");
		ResponseEntity<Map<String, Object>> badReference = pay(client, "alice", "pay-refused",
				"{\"reference\": \"" + "r".repeat(65) + "\"}");
		assertThat(badReference.getStatusCode().value()).isEqualTo(400);
		assertThat(badReference.getBody()).containsKey("errors");
		String token = client.csrfToken();
		assertThat(client.http().post().uri("/orders/pay-refused/payment").headers((headers) -> {
			headers.add(HttpHeaders.COOKIE, SampleClient.CSRF_COOKIE + "=" + token);
			headers.set(SampleClient.CSRF_HEADER, token);
		}).retrieve().toBodilessEntity().getStatusCode().value()).as("anonymous").isEqualTo(401);
		assertThat(client.http().post().uri("/orders/pay-refused/payment")
			.headers((headers) -> headers.setBasicAuth("alice", "alice"))
			.retrieve()
			.toBodilessEntity()
			.getStatusCode()
			.value()).as("no CSRF token").isEqualTo(403);
		assertThat(this.workflows.status(OrderFulfilmentConfiguration.workflowOf("pay-refused")).step("payment-confirmed")
			.state()).as("nothing was delivered").isNotEqualTo(StepState.SUCCEEDED);
	}

	@Test
	void aPaymentForAnOrderThatEndedIsAConflict() {
		SampleClient client = SampleClient.on(this.port);
		assertThat(client.placeOrder("alice", "pay-cancelled", "c1")).isEqualTo(202);
		assertThat(client.http().post().uri("/orders/pay-cancelled/cancel").headers(client.csrfAs("alice")).retrieve()
			.toBodilessEntity().getStatusCode().value()).isEqualTo(200);
		await().atMost(Duration.ofSeconds(30))
			.until(() -> this.workflows.status(OrderFulfilmentConfiguration.workflowOf("pay-cancelled"))
				.state() == WorkflowState.CANCELLED);
		ResponseEntity<Map<String, Object>> late = pay(client, "alice", "pay-cancelled", null);
		assertThat(late.getStatusCode().value()).isEqualTo(409);
		assertThat(late.getHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
		assertThat(late.getBody().get("detail")).asString().startsWith("Order 'pay-cancelled' takes no payment any more: ");
	}

	private static ResponseEntity<Map<String, Object>> place(SampleClient client, String user, Map<String, Object> order) {
		return client.http()
			.post()
			.uri("/orders")
			.headers(client.csrfAs(user))
			.header(HttpHeaders.CONTENT_TYPE, "application/json")
			.body(order)
			.retrieve()
			.toEntity(JSON);
	}

	static ResponseEntity<Map<String, Object>> pay(SampleClient client, String user, String id, String body) {
		var request = client.http().post().uri("/orders/{id}/payment", id).headers(client.csrfAs(user));
		if (body != null) {
			request = request.header(HttpHeaders.CONTENT_TYPE, "application/json").body(body);
		}
		return request.retrieve().toEntity(JSON);
	}

}

package io.zkworkflow.sample.orders;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import io.zkworkflow.sample.SampleClient;
import io.zkworkflow.workflow.WorkflowId;
import io.zkworkflow.workflow.WorkflowState;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

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
 * The order API as a client sees it: invalid orders answered 400 with the fields at fault,
 * unknown orders 404, an order cancelled only by whoever placed it or an admin, and
 * {@code ?await=} answering with the outcome (200) or, when the wait runs out (as it does while
 * the order waits for its payment), with the id (202); the outcome also reaches the workflow's
 * completion listener.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "zk-workflow.embedded.port=0", "zk-workflow.security.digest=sample:sample-secret" })
class OrderApiTests {

	private static final ParameterizedTypeReference<Map<String, Object>> JSON = new ParameterizedTypeReference<>() {
	};

	@LocalServerPort
	int port;

	static Stream<Arguments> invalidOrders() {
		return Stream.of(Arguments.of("no customer", without(valid(), "customerId"), "customerId"),
				Arguments.of("null customer", with(valid(), "customerId", null), "customerId"),
				Arguments.of("blank customer", with(valid(), "customerId", "  "), "customerId"),
				Arguments.of("customer id too long", with(valid(), "customerId", "c".repeat(65)), "customerId"),
				Arguments.of("zero quantity", with(valid(), "lines", List.of(line("pen", 0, 2))), "lines[0].quantity"),
				Arguments.of("negative quantity", with(valid(), "lines", List.of(line("pen", -3, 2))),
						"lines[0].quantity"),
				Arguments.of("huge quantity", with(valid(), "lines", List.of(line("pen", 1_000_000, 2))),
						"lines[0].quantity"),
				Arguments.of("no quantity", with(valid(), "lines", List.of(without(line("pen", 1, 2), "quantity"))),
						"lines[0].quantity"),
				Arguments.of("negative price", with(valid(), "lines", List.of(line("pen", 1, -2))), "lines[0].unitPrice"),
				Arguments.of("item too long", with(valid(), "lines", List.of(line("p".repeat(101), 1, 2))),
						"lines[0].item"),
				Arguments.of("blank item", with(valid(), "lines", List.of(line("", 1, 2))), "lines[0].item"),
				Arguments.of("no lines", with(valid(), "lines", List.of()), "lines"),
				Arguments.of("null line", with(valid(), "lines", Collections.singletonList(null)), "lines[0]"),
				Arguments.of("too many lines",
						with(valid(), "lines", Collections.nCopies(OrderRequest.MAX_LINES + 1, line("pen", 1, 2))), "lines"),
				Arguments.of("blank id", with(valid(), "id", " "), "id"),
				Arguments.of("id too long", with(valid(), "id", "o".repeat(65)), "id"),
				Arguments.of("id with a slash", with(valid(), "id", "a/b"), "id"));
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("invalidOrders")
	void anInvalidOrderIsRefusedWithTheFieldAtFault(String problem, Map<String, Object> order, String field) {
		SampleClient client = SampleClient.on(this.port);
		ResponseEntity<Map<String, Object>> answer = post(client, "alice", order);
		assertThat(answer.getStatusCode().value()).as(problem).isEqualTo(400);
		assertThat(answer.getHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
		assertThat(answer.getBody()).containsEntry("status", 400).containsKey("errors");
		assertThat(fields(answer)).as(problem).contains(field);
	}

	@Test
	void aBodyThatIsNoOrderIsRefused() {
		SampleClient client = SampleClient.on(this.port);
		for (String body : List.of("{", "{\"customerId\": \"c1\", \"lines\": [{\"item\": \"pen\", \"quantity\": \"many\"}]}",
				"{\"customerId\": \"c1\", \"lines\": [{\"item\": \"pen\", \"quantity\": 99999999999, \"unitPrice\": 1}]}")) {
			ResponseEntity<String> answer = client.http()
				.post()
				.uri("/orders")
				.headers(client.csrfAs("alice"))
				.header(HttpHeaders.CONTENT_TYPE, "application/json")
				.body(body)
				.retrieve()
				.toEntity(String.class);
			assertThat(answer.getStatusCode().value()).as(body).isEqualTo(400);
			assertThat(answer.getHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
		}
	}

	@Test
	void aValidOrderIsAcceptedAndShowsItsOwner() {
		SampleClient client = SampleClient.on(this.port);
		Map<String, Object> order = with(valid(), "id", "api-valid");
		order.put("lines", List.of(line("pen", 2, 2), line("book", 1, 10)));
		ResponseEntity<Map<String, Object>> answer = post(client, "alice", order);
		assertThat(answer.getStatusCode().value()).isEqualTo(202);
		assertThat(answer.getBody()).containsEntry("orderId", "api-valid");
		String status = client.http().get().uri("/orders/api-valid").retrieve().body(String.class);
		assertThat(status).contains("\"owner\":\"alice\"").contains("\"book\"");
	}

	@Test
	void anAwaitedOrderAnswersAcceptedUntilPaidThenWithItsResult(@Autowired OrderOutcomes outcomes) {
		SampleClient client = SampleClient.on(this.port);
		Map<String, Object> order = with(valid(), "id", "api-awaited");
		ResponseEntity<Map<String, Object>> unpaid = post(client, "alice", order, "1s");
		assertThat(unpaid.getStatusCode().value()).as("waiting for its payment").isEqualTo(202);
		assertThat(unpaid.getBody()).containsEntry("orderId", "api-awaited").doesNotContainKey("state");
		assertThat(client.confirmPayment("alice", "api-awaited")).isEqualTo(200);
		ResponseEntity<Map<String, Object>> answer = post(client, "alice", order, "20s");
		assertThat(answer.getStatusCode().value()).isEqualTo(200);
		assertThat(answer.getBody()).containsEntry("orderId", "api-awaited").containsEntry("state", "COMPLETED");
		assertThat(answer.getBody().get("result")).asString().contains("closed=true");
		WorkflowId workflow = WorkflowId.forKey("order-fulfilment", "api-awaited");
		await().atMost(Duration.ofSeconds(20)).until(() -> outcomes.seenHere(workflow) == WorkflowState.COMPLETED);
	}

	@Test
	void anAwaitedOrderThatFailsAnswersWithTheFailedStep(@Autowired OrderOutcomes outcomes) {
		SampleClient client = SampleClient.on(this.port);
		Map<String, Object> order = with(valid(), "id", "api-awaited-broke");
		order.put("customerId", "broke-7");
		assertThat(post(client, "alice", order).getStatusCode().value()).isEqualTo(202);
		assertThat(client.confirmPayment("alice", "api-awaited-broke")).isEqualTo(200);
		ResponseEntity<Map<String, Object>> answer = post(client, "alice", order, "25s");
		assertThat(answer.getStatusCode().value()).isEqualTo(200);
		assertThat(answer.getBody()).containsEntry("state", "FAILED").containsEntry("failedStep", "charge-card");
		assertThat(answer.getBody().get("error")).asString().contains("was declined");
		WorkflowId workflow = WorkflowId.forKey("order-fulfilment", "api-awaited-broke");
		await().atMost(Duration.ofSeconds(20)).until(() -> outcomes.seenHere(workflow) == WorkflowState.FAILED);
	}

	@Test
	void anAwaitThatRunsOutAnswersAcceptedWithTheWorkflow() {
		SampleClient client = SampleClient.on(this.port);
		ResponseEntity<Map<String, Object>> answer = post(client, "alice", with(valid(), "id", "api-no-wait"), "0s");
		assertThat(answer.getStatusCode().value()).isEqualTo(202);
		assertThat(answer.getBody()).containsEntry("orderId", "api-no-wait").containsKey("workflow").doesNotContainKey("state");
	}

	@ParameterizedTest(name = "await={0}")
	@MethodSource("badAwaits")
	void aBadAwaitIsRefusedAndPlacesNothing(String await, String expected) {
		SampleClient client = SampleClient.on(this.port);
		String id = "api-bad-await-" + Math.abs(await.hashCode());
		ResponseEntity<Map<String, Object>> answer = post(client, "alice", with(valid(), "id", id), await);
		assertThat(answer.getStatusCode().value()).isEqualTo(400);
		assertThat(answer.getHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
		assertThat(answer.getBody().get("detail")).asString().contains(expected);
		assertThat(client.http().get().uri("/orders/{id}", id).retrieve().toBodilessEntity().getStatusCode().value())
			.isEqualTo(404);
	}

	static Stream<Arguments> badAwaits() {
		return Stream.of(Arguments.of("soon", "await 'soon' is not a duration; use for example await=5s"),
				Arguments.of("1h", "await '1h' must be between 0s and 30s"),
				Arguments.of("-1s", "await '-1s' must be between 0s and 30s"),
				Arguments.of("x".repeat(500), "(500 characters)"));
	}

	@Test
	void anUnknownOrderIsNotFound() {
		SampleClient client = SampleClient.on(this.port);
		ResponseEntity<Map<String, Object>> shown = client.http().get().uri("/orders/no-such-order").retrieve()
			.toEntity(JSON);
		assertThat(shown.getStatusCode().value()).isEqualTo(404);
		assertThat(shown.getHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
		assertThat(shown.getBody()).containsEntry("status", 404);
		ResponseEntity<Map<String, Object>> cancelled = cancel(client, "admin", "no-such-order");
		assertThat(cancelled.getStatusCode().value()).isEqualTo(404);
		assertThat(cancelled.getHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
	}

	@Test
	void onlyTheOwnerOrAnAdminCancelsAnOrder() {
		SampleClient client = SampleClient.on(this.port);
		assertThat(client.placeOrder("alice", "api-alice-1", "c1")).isEqualTo(202);
		assertThat(client.placeOrder("alice", "api-alice-2", "c1")).isEqualTo(202);
		ResponseEntity<Map<String, Object>> byBob = cancel(client, "bob", "api-alice-1");
		assertThat(byBob.getStatusCode().value()).isEqualTo(403);
		assertThat(byBob.getHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
		assertThat(cancel(client, "viewer", "api-alice-1").getStatusCode().value()).isEqualTo(403);
		ResponseEntity<Map<String, Object>> byAlice = cancel(client, "alice", "api-alice-1");
		assertThat(byAlice.getStatusCode().value()).isEqualTo(200);
		assertThat(byAlice.getBody()).containsKey("cancelled");
		ResponseEntity<Map<String, Object>> byAdmin = cancel(client, "admin", "api-alice-2");
		assertThat(byAdmin.getStatusCode().value()).isEqualTo(200);
		assertThat(byAdmin.getBody()).containsKey("cancelled");
		String token = client.csrfToken();
		assertThat(client.http().post().uri("/orders/api-alice-2/cancel").headers((headers) -> {
			headers.add(HttpHeaders.COOKIE, SampleClient.CSRF_COOKIE + "=" + token);
			headers.set(SampleClient.CSRF_HEADER, token);
		}).retrieve().toBodilessEntity().getStatusCode().value()).as("anonymous").isEqualTo(401);
	}

	@Test
	void anotherUsersOrderIdIsNotTaken() {
		SampleClient client = SampleClient.on(this.port);
		assertThat(client.placeOrder("alice", "api-taken", "c1")).isEqualTo(202);
		assertThat(client.placeOrder("alice", "api-taken", "c1")).as("the owner's retry").isEqualTo(202);
		assertThat(client.placeOrder("bob", "api-taken", "c2")).as("another user").isEqualTo(409);
	}

	private static ResponseEntity<Map<String, Object>> post(SampleClient client, String user, Map<String, Object> order) {
		return post(client, user, order, null);
	}

	private static ResponseEntity<Map<String, Object>> post(SampleClient client, String user, Map<String, Object> order,
			String await) {
		return client.http()
			.post()
			.uri((await != null) ? "/orders?await={await}" : "/orders", (Object) await)
			.headers(client.csrfAs(user))
			.header(HttpHeaders.CONTENT_TYPE, "application/json")
			.body(order)
			.retrieve()
			.toEntity(JSON);
	}

	private static ResponseEntity<Map<String, Object>> cancel(SampleClient client, String user, String id) {
		return client.http().post().uri("/orders/{id}/cancel", id).headers(client.csrfAs(user)).retrieve().toEntity(JSON);
	}

	@SuppressWarnings("unchecked")
	private static List<String> fields(ResponseEntity<Map<String, Object>> answer) {
		List<String> fields = new ArrayList<>();
		for (Map<String, Object> error : (List<Map<String, Object>>) answer.getBody().get("errors")) {
			fields.add((String) error.get("field"));
		}
		return fields;
	}

	private static Map<String, Object> valid() {
		Map<String, Object> order = new HashMap<>();
		order.put("customerId", "c1");
		order.put("lines", List.of(line("pen", 1, 2)));
		return order;
	}

	private static Map<String, Object> line(String item, int quantity, int unitPrice) {
		Map<String, Object> line = new HashMap<>();
		line.put("item", item);
		line.put("quantity", quantity);
		line.put("unitPrice", unitPrice);
		return line;
	}

	private static Map<String, Object> with(Map<String, Object> map, String key, Object value) {
		map.put(key, value);
		return map;
	}

	private static Map<String, Object> without(Map<String, Object> map, String key) {
		map.remove(key);
		return map;
	}

}

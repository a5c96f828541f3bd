package io.zkworkflow.sample.orders;

import java.time.Duration;
import java.util.Map;

import io.zkworkflow.sample.SampleClient;
import io.zkworkflow.workflow.StepState;
import io.zkworkflow.workflow.WorkflowClient;
import io.zkworkflow.workflow.WorkflowId;
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
 * The {@code shipment} child workflow as a client sees it: a paid order packs its parcel,
 * waits for the courier in a durable timer, hands the parcel over and ends with the tracking
 * number in its status; a delivered order is replaced through {@code order-replacement}, which
 * runs the same child; replacements of unknown, someone else's or undelivered orders are
 * refused. Runs in the context of {@link OrderApiTests} (same properties), with the sample's
 * pickup delay of a few seconds.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "zk-workflow.embedded.port=0", "zk-workflow.security.digest=sample:sample-secret" })
class OrderShipmentTests {

	private static final ParameterizedTypeReference<Map<String, Object>> JSON = new ParameterizedTypeReference<>() {
	};

	@LocalServerPort
	int port;

	@Autowired
	WorkflowClient workflows;

	@Autowired
	WorkRecorder work;

	@Test
	void aPaidOrderShipsThroughTheChildAndEndsWithItsTrackingNumber() {
		SampleClient client = SampleClient.on(this.port);
		assertThat(client.placePaidOrder("alice", "ship-ok", "c1")).isEqualTo(202);
		WorkflowStatus order = await().atMost(Duration.ofSeconds(60))
			.until(() -> status("ship-ok"), (status) -> status.state().isFinished());
		assertThat(order.state()).isEqualTo(WorkflowState.COMPLETED);
		JsonNode shipped = order.step(ShipmentConfiguration.NAME).output();
		String trackingNumber = shipped.get("trackingNumber").asString();
		assertThat(trackingNumber).startsWith("ZK");
		assertThat(shipped.get("items").get(0).asString()).isEqualTo("1 x book");
		assertThat(order.step("close-order").output().get("trackingNumber").asString()).isEqualTo(trackingNumber);
		assertThat(client.http().get().uri("/orders/ship-ok").retrieve().body(String.class))
			.contains("\"trackingNumber\":\"" + trackingNumber + "\"");
		WorkflowId child = ShipmentConfiguration.shipmentOf(order);
		ResponseEntity<Map<String, Object>> shown = get(client, "/orders/ship-ok/shipment");
		assertThat(shown.getStatusCode().value()).isEqualTo(200);
		assertThat(shown.getBody()).containsEntry("definition", ShipmentConfiguration.NAME)
			.containsEntry("state", "COMPLETED");
		assertThat(shown.getBody().get("id")).asString().contains(child.value());
		WorkflowStatus shipment = this.workflows.status(child);
		assertThat(shipment.definition()).isEqualTo(ShipmentConfiguration.NAME);
		assertThat(shipment.state()).isEqualTo(WorkflowState.COMPLETED);
		assertThat(shipment.input().get("id").asString()).as("the child's input is the charged order").isEqualTo("ship-ok");
		for (String step : new String[] { "pack-parcel", ShipmentConfiguration.PICKUP, "hand-to-courier" }) {
			assertThat(shipment.step(step).state()).as(step).isEqualTo(StepState.SUCCEEDED);
		}
		assertThat(shipment.step(ShipmentConfiguration.PICKUP).taskId()).as("a durable timer")
			.startsWith("zk-workflow.sleep/");
		assertThat(shipment.step("hand-to-courier").output()).isEqualTo(shipped);
		assertThat(shipment.step("unpack-parcel").state()).isEqualTo(StepState.WAITING);
		assertThat(this.work.stepsOf("ship-ok")).containsOnlyOnce("pack-parcel", "hand-to-courier", "close-order")
			.doesNotContain("unpack-parcel");
	}

	@Test
	void aDeliveredOrderIsReplacedThroughTheSameChild() {
		SampleClient client = SampleClient.on(this.port);
		assertThat(client.placePaidOrder("alice", "ship-again", "c1")).isEqualTo(202);
		WorkflowStatus order = await().atMost(Duration.ofSeconds(60))
			.until(() -> status("ship-again"), (status) -> status.state() == WorkflowState.COMPLETED);
		String first = order.step(ShipmentConfiguration.NAME).output().get("trackingNumber").asString();
		ResponseEntity<Map<String, Object>> asked = replace(client, "alice", "ship-again", "{\"reason\": \"arrived damaged\"}");
		assertThat(asked.getStatusCode().value()).isEqualTo(202);
		WorkflowId replacement = ReplacementConfiguration.workflowOf("ship-again");
		assertThat(asked.getBody()).containsEntry("orderId", "ship-again")
			.containsEntry("replacement", replacement.toString());
		ResponseEntity<Map<String, Object>> again = replace(client, "admin", "ship-again", "{\"reason\": \"still damaged\"}");
		assertThat(again.getStatusCode().value()).as("one replacement per order").isEqualTo(200);
		assertThat(again.getBody()).containsEntry("replacement", replacement.toString());
		assertThat(again.getBody().get("detail")).asString().contains("already asked for");
		await().atMost(Duration.ofSeconds(60))
			.until(() -> get(client, "/orders/ship-again/replacement").getBody().get("state"),
					(state) -> !"RUNNING".equals(state));
		WorkflowStatus replaced = this.workflows.status(replacement);
		assertThat(replaced.state()).isEqualTo(WorkflowState.COMPLETED);
		assertThat(replaced.input().get("reason").asString()).isEqualTo("arrived damaged");
		assertThat(replaced.input().get("requestedBy").asString()).isEqualTo("alice");
		String second = replaced.step(ShipmentConfiguration.NAME).output().get("trackingNumber").asString();
		assertThat(second).as("a shipment of its own").startsWith("ZK").isNotEqualTo(first);
		assertThat(replaced.step("close-replacement").output().get("trackingNumber").asString()).isEqualTo(second);
		WorkflowId child = ShipmentConfiguration.shipmentOf(replaced);
		assertThat(child).isNotEqualTo(ShipmentConfiguration.shipmentOf(order));
		WorkflowStatus shipment = this.workflows.status(child);
		assertThat(shipment.definition()).isEqualTo(ShipmentConfiguration.NAME);
		assertThat(shipment.step(ShipmentConfiguration.PICKUP).state()).isEqualTo(StepState.SUCCEEDED);
		assertThat(this.work.stepsOf("ship-again")).containsOnlyOnce("approve-replacement", "close-replacement")
			.filteredOn("pack-parcel"::equals)
			.hasSize(2);
		assertThat(this.work.stepsOf("ship-again")).filteredOn("hand-to-courier"::equals).hasSize(2);
	}

	@Test
	void refusedReplacementsSayWhy() {
		SampleClient client = SampleClient.on(this.port);
		String reason = "{\"reason\": \"arrived damaged\"}";
		ResponseEntity<Map<String, Object>> unknown = replace(client, "alice", "ship-no-such-order", reason);
		assertThat(unknown.getStatusCode().value()).isEqualTo(404);
		assertThat(unknown.getHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
		assertThat(get(client, "/orders/ship-no-such-order/shipment").getStatusCode().value()).isEqualTo(404);
		assertThat(get(client, "/orders/ship-no-such-order/replacement").getStatusCode().value()).isEqualTo(404);
		assertThat(client.placeOrder("alice", "ship-unpaid", "c1")).isEqualTo(202);
		ResponseEntity<Map<String, Object>> noShipment = get(client, "/orders/ship-unpaid/shipment");
		assertThat(noShipment.getStatusCode().value()).as("not shipped before its payment").isEqualTo(404);
		assertThat(noShipment.getBody().get("detail")).asString().contains("has no shipment");
		ResponseEntity<Map<String, Object>> undelivered = replace(client, "alice", "ship-unpaid", reason);
		assertThat(undelivered.getStatusCode().value()).isEqualTo(409);
		assertThat(undelivered.getBody().get("detail")).asString()
			.startsWith("Order 'ship-unpaid' was not delivered (it is RUNNING, its shipment WAITING)");
		ResponseEntity<Map<String, Object>> byBob = replace(client, "bob", "ship-unpaid", reason);
		assertThat(byBob.getStatusCode().value()).isEqualTo(403);
		assertThat(byBob.getBody().get("detail")).asString().contains("only by the user who placed it or an admin");
		for (String body : new String[] { "{}", "{\"reason\": \" \"}", "{\"reason\": \"" + "r".repeat(201) + "\"}",
				"{\"reason\": \"two\\nlines\"}" }) {
			ResponseEntity<Map<String, Object>> invalid = replace(client, "alice", "ship-unpaid", body);
			assertThat(invalid.getStatusCode().value()).as(body).isEqualTo(400);
			assertThat(invalid.getBody()).as(body).containsKey("errors");
		}
		assertThat(replace(client, "alice", "ship-unpaid", null).getStatusCode().value()).as("no body").isEqualTo(400);
		String token = client.csrfToken();
		assertThat(client.http().post().uri("/orders/ship-unpaid/replacement").headers((headers) -> {
			headers.add(HttpHeaders.COOKIE, SampleClient.CSRF_COOKIE + "=" + token);
			headers.set(SampleClient.CSRF_HEADER, token);
		}).header(HttpHeaders.CONTENT_TYPE, "application/json").body(reason).retrieve().toBodilessEntity().getStatusCode()
			.value()).as("anonymous").isEqualTo(401);
		assertThat(client.http().post().uri("/orders/ship-unpaid/replacement")
			.headers((headers) -> headers.setBasicAuth("alice", "alice"))
			.header(HttpHeaders.CONTENT_TYPE, "application/json")
			.body(reason)
			.retrieve()
			.toBodilessEntity()
			.getStatusCode()
			.value()).as("no CSRF token").isEqualTo(403);
		assertThat(this.workflows.status(ReplacementConfiguration.workflowOf("ship-unpaid")).state())
			.as("nothing was started").isEqualTo(WorkflowState.UNKNOWN);
	}

	private WorkflowStatus status(String orderId) {
		return this.workflows.status(OrderFulfilmentConfiguration.workflowOf(orderId));
	}

	private static ResponseEntity<Map<String, Object>> get(SampleClient client, String path) {
		return client.http().get().uri(path).retrieve().toEntity(JSON);
	}

	static ResponseEntity<Map<String, Object>> replace(SampleClient client, String user, String id, String body) {
		var request = client.http().post().uri("/orders/{id}/replacement", id).headers(client.csrfAs(user));
		if (body != null) {
			request = request.header(HttpHeaders.CONTENT_TYPE, "application/json").body(body);
		}
		return request.retrieve().toEntity(JSON);
	}

}

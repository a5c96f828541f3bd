package io.zkworkflow.sample.orders;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import io.zkworkflow.sample.SampleApplication;
import io.zkworkflow.sample.SampleClient;
import io.zkworkflow.test.ZooKeeperServerExtension;
import io.zkworkflow.workflow.StepState;
import io.zkworkflow.workflow.WorkflowClient;
import io.zkworkflow.workflow.WorkflowId;
import io.zkworkflow.workflow.WorkflowState;
import io.zkworkflow.workflow.WorkflowStatus;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.ResponseEntity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Two sample instances on one ZooKeeper, as the README starts them. An order placed and paid
 * on one is cancelled on the other while its parcel waits for the courier, and the cancel
 * reaches the {@code shipment} child: its timer is withdrawn, nothing is handed over, the
 * parcel is unpacked and the order refunded, once each across both instances. And the
 * pickup timer is durable: when the instance that packed the parcel stops while it waits, the
 * other one hands it over and completes the order.
 */
class ShipmentOnTwoInstancesTests {

	@RegisterExtension
	static final ZooKeeperServerExtension zookeeper = new ZooKeeperServerExtension();

	private static final ParameterizedTypeReference<Map<String, Object>> JSON = new ParameterizedTypeReference<>() {
	};

	@Test
	void cancellingAnOrderWhileItsParcelWaitsCancelsTheShipment() {
		try (ConfigurableApplicationContext first = start("10m"); ConfigurableApplicationContext second = start("10m")) {
			SampleClient placing = SampleClient.on(port(first));
			SampleClient cancelling = SampleClient.on(port(second));
			WorkflowClient workflows = second.getBean(WorkflowClient.class);
			assertThat(placing.placePaidOrder("alice", "ship-cancel", "c1")).isEqualTo(202);
			WorkflowId order = OrderFulfilmentConfiguration.workflowOf("ship-cancel");
			WorkflowId shipment = await().atMost(Duration.ofSeconds(60))
				.until(() -> ShipmentConfiguration.shipmentOf(workflows.status(order)), (child) -> child != null);
			WorkflowStatus waiting = await().atMost(Duration.ofSeconds(60))
				.until(() -> workflows.status(shipment),
						(status) -> status.step(ShipmentConfiguration.PICKUP).state() == StepState.RUNNING);
			assertThat(waiting.step("pack-parcel").state()).isEqualTo(StepState.SUCCEEDED);
			assertThat(waiting.step(ShipmentConfiguration.PICKUP).taskId()).startsWith("zk-workflow.sleep/");
			ResponseEntity<Map<String, Object>> cancelled = cancelling.http()
				.post()
				.uri("/orders/ship-cancel/cancel")
				.headers(cancelling.csrfAs("alice"))
				.retrieve()
				.toEntity(JSON);
			assertThat(cancelled.getStatusCode().value()).isEqualTo(200);
			assertThat(cancelled.getBody()).containsEntry("cancelled", true);
			WorkflowStatus parent = await().atMost(Duration.ofSeconds(60))
				.until(() -> workflows.status(order), (status) -> status.state().isFinished());
			assertThat(parent.state()).isEqualTo(WorkflowState.CANCELLED);
			assertThat(parent.step(ShipmentConfiguration.NAME).state()).isEqualTo(StepState.CANCELLED);
			assertThat(parent.step(ShipmentConfiguration.NAME).error()).contains("was cancelled with its parent");
			assertThat(parent.step("close-order").state()).isEqualTo(StepState.CANCELLED);
			WorkflowStatus child = await().atMost(Duration.ofSeconds(60))
				.until(() -> workflows.status(shipment), (status) -> status.state().isFinished());
			assertThat(child.state()).isEqualTo(WorkflowState.CANCELLED);
			assertThat(child.step("hand-to-courier").state()).isNotEqualTo(StepState.SUCCEEDED);
			await().atMost(Duration.ofSeconds(30))
				.untilAsserted(() -> assertThat(stepsOn("ship-cancel", first, second)).contains("unpack-parcel",
						"refund-and-release"));
			assertThat(stepsOn("ship-cancel", first, second)).containsOnlyOnce("pack-parcel", "unpack-parcel", "refund-and-release")
				.doesNotContain("hand-to-courier", "close-order");
			assertThat(cancelling.http().get().uri("/orders/ship-cancel/shipment").retrieve().body(String.class))
				.contains("\"state\":\"CANCELLED\"");
		}
	}

	@Test
	void theOtherInstanceHandsTheParcelOverWhenThePackerStopsWhileItWaits() {
		try (ConfigurableApplicationContext first = start("15s"); ConfigurableApplicationContext second = start("15s")) {
			assertThat(SampleClient.on(port(first)).placePaidOrder("alice", "ship-failover", "c1")).isEqualTo(202);
			WorkflowClient workflows = second.getBean(WorkflowClient.class);
			WorkflowId order = OrderFulfilmentConfiguration.workflowOf("ship-failover");
			WorkflowId shipment = await().atMost(Duration.ofSeconds(60))
				.until(() -> ShipmentConfiguration.shipmentOf(workflows.status(order)), (child) -> child != null);
			await().atMost(Duration.ofSeconds(60))
				.until(() -> workflows.status(shipment).step(ShipmentConfiguration.PICKUP).state() == StepState.RUNNING);
			boolean firstPacked = first.getBean(WorkRecorder.class).stepsOf("ship-failover").contains("pack-parcel");
			ConfigurableApplicationContext packer = firstPacked ? first : second;
			ConfigurableApplicationContext survivor = firstPacked ? second : first;
			packer.close();
			WorkflowClient remaining = survivor.getBean(WorkflowClient.class);
			WorkflowStatus ended = await().atMost(Duration.ofSeconds(90))
				.until(() -> remaining.status(order), (status) -> status.state().isFinished());
			assertThat(ended.state()).isEqualTo(WorkflowState.COMPLETED);
			assertThat(ended.step(ShipmentConfiguration.NAME).output().get("trackingNumber").asString()).startsWith("ZK");
			assertThat(survivor.getBean(WorkRecorder.class).stepsOf("ship-failover"))
				.as("the timer fired on the instance that did not pack").containsOnlyOnce("hand-to-courier", "close-order");
		}
	}

	private static List<String> stepsOn(String orderId, ConfigurableApplicationContext... instances) {
		return Stream.of(instances)
			.flatMap((instance) -> instance.getBean(WorkRecorder.class).stepsOf(orderId).stream())
			.toList();
	}

	private static ConfigurableApplicationContext start(String pickupDelay) {
		return new SpringApplicationBuilder(SampleApplication.class).run("--server.port=0",
				"--zk-workflow.embedded.enabled=false", "--spring.cloud.zookeeper.connect-string=" + zookeeper.connectString(),
				"--spring.cloud.zookeeper.session-timeout=10s", "--orders.shipment.pickup-delay=" + pickupDelay);
	}

	private static int port(ConfigurableApplicationContext context) {
		return ((WebServerApplicationContext) context).getWebServer().getPort();
	}

}

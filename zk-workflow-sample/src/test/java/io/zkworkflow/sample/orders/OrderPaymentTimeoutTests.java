package io.zkworkflow.sample.orders;

import java.time.Duration;
import java.util.Map;

import io.zkworkflow.sample.SampleClient;
import io.zkworkflow.workflow.StepState;
import io.zkworkflow.workflow.WorkflowClient;
import io.zkworkflow.workflow.WorkflowState;
import io.zkworkflow.workflow.WorkflowStatus;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.ResponseEntity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The payment wait with short timings: an unpaid order is reminded once, after
 * {@code orders.payment.reminder}, then expires through the timeout branch after
 * {@code orders.payment.timeout} and refuses a late payment with 409; a paid order gets no
 * reminder.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "zk-workflow.embedded.port=0", "orders.payment.timeout=5s", "orders.payment.reminder=1s" })
class OrderPaymentTimeoutTests {

	@LocalServerPort
	int port;

	@Autowired
	WorkflowClient workflows;

	@Autowired
	WorkRecorder work;

	@Test
	void anUnpaidOrderIsRemindedOnceThenExpiresAndRefusesALatePayment() {
		SampleClient client = SampleClient.on(this.port);
		assertThat(client.placeOrder("alice", "late-1", "c1")).isEqualTo(202);
		await().atMost(Duration.ofSeconds(30)).until(() -> this.work.stepsOf("late-1").contains(PaymentSteps.REMINDER));
		assertThat(status("late-1").step("payment-confirmed").state()).as("the reminder came before the timeout")
			.isEqualTo(StepState.RUNNING);
		WorkflowStatus ended = await().atMost(Duration.ofSeconds(30))
			.until(() -> status("late-1"), (status) -> status.state().isFinished());
		assertThat(ended.state()).isEqualTo(WorkflowState.COMPLETED);
		assertThat(ended.step("payment-confirmed").error()).contains("No signal 'payment-confirmed' arrived within PT5S");
		assertThat(ended.step("expire-order").state()).isEqualTo(StepState.SUCCEEDED);
		assertThat(ended.step("expire-order").output().get("expired").asBoolean()).isTrue();
		for (String skipped : new String[] { "charge-card", "send-invoice", ShipmentConfiguration.NAME, "close-order" }) {
			assertThat(ended.step(skipped).state()).as(skipped).isEqualTo(StepState.SKIPPED);
		}
		assertThat(this.work.stepsOf("late-1")).containsOnlyOnce(PaymentSteps.REMINDER, "expire-order")
			.doesNotContain("charge-card", PaymentSteps.REMINDER + " not needed");
		ResponseEntity<Map<String, Object>> late = OrderPaymentTests.pay(client, "alice", "late-1", null);
		assertThat(late.getStatusCode().value()).isEqualTo(409);
		assertThat(late.getBody().get("detail")).asString().startsWith("Order 'late-1' takes no payment any more: ");
	}

	@Test
	void aPaidOrderGetsNoReminder() {
		SampleClient client = SampleClient.on(this.port);
		assertThat(client.placePaidOrder("alice", "late-paid", "c1")).isEqualTo(202);
		await().atMost(Duration.ofSeconds(30))
			.until(() -> this.work.stepsOf("late-paid").contains(PaymentSteps.REMINDER + " not needed"));
		await().atMost(Duration.ofSeconds(30)).until(() -> status("late-paid").state() == WorkflowState.COMPLETED);
		assertThat(this.work.stepsOf("late-paid")).doesNotContain(PaymentSteps.REMINDER, "expire-order")
			.containsOnlyOnce("charge-card");
	}

	private WorkflowStatus status(String orderId) {
		return this.workflows.status(OrderFulfilmentConfiguration.workflowOf(orderId));
	}

}

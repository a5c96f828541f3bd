package io.zkworkflow.sample.orders;

import java.time.Duration;

import io.zkworkflow.workflow.WorkflowDefinition;
import io.zkworkflow.workflow.WorkflowId;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The order-fulfilment workflow: a dynamic fan-out over the order's lines joined in their
 * order, a wait for the payment signal with a timeout branch, then in parallel the invoice and
 * the {@code shipment} child workflow (see {@link ShipmentConfiguration}), joined by
 * {@code close-order}; a compensation step and a completion listener. The payment reminder is a
 * delayed task that {@code reserve-stock} schedules (see {@link PaymentSteps}).
 */
@Configuration(proxyBeanMethods = false)
class OrderFulfilmentConfiguration {

	/** Name the workflow is started by. */
	static final String NAME = "order-fulfilment";

	/** The signal {@code POST /orders/{id}/payment} sends, also the id of the step waiting for it. */
	static final String PAYMENT_SIGNAL = "payment-confirmed";

	/** Most line reservations pending or running at once for one order. */
	static final int LINE_PARALLELISM = 4;

	@Bean
	WorkflowDefinition orderFulfilment(@Value("${orders.payment.timeout:15m}") Duration paymentTimeout) {
		return WorkflowDefinition.named(NAME)
			.step("accept-order")
			.then("list-lines")
			.forEach("reserve-line", LINE_PARALLELISM)
			.step("reserve-stock", "accept-order", "reserve-line")
			.waitFor(PAYMENT_SIGNAL, paymentTimeout)
			.onTimeout("expire-order")
			.step("charge-card", "reserve-stock", PAYMENT_SIGNAL)
			.thenWorkflow(ShipmentConfiguration.NAME)
			.step("send-invoice", "charge-card")
			.step("close-order", "send-invoice", ShipmentConfiguration.NAME)
			.onFailure("refund-and-release")
			.onComplete(OrderOutcomes.TASK)
			.build();
	}

	/**
	 * Return the workflow of an order: its id is the workflow's idempotency key.
	 * @param orderId the order
	 * @return the workflow id
	 */
	static WorkflowId workflowOf(String orderId) {
		return WorkflowId.forKey(NAME, orderId);
	}

}

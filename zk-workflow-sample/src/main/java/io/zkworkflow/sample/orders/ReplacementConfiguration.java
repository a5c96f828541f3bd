package io.zkworkflow.sample.orders;

import io.zkworkflow.workflow.WorkflowDefinition;
import io.zkworkflow.workflow.WorkflowId;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The replacement workflow, started by {@code POST /orders/{id}/replacement} for a delivered
 * order whose goods arrived damaged: approve it, then ship the order's lines again with the
 * same {@code shipment} child workflow that order fulfilment runs, and close it with the new
 * tracking number.
 */
@Configuration(proxyBeanMethods = false)
class ReplacementConfiguration {

	/** Name the workflow is started by. */
	static final String NAME = "order-replacement";

	@Bean
	WorkflowDefinition orderReplacement() {
		return WorkflowDefinition.named(NAME)
			.step("approve-replacement")
			.thenWorkflow(ShipmentConfiguration.NAME)
			.then("close-replacement")
			.build();
	}

	/**
	 * Return the replacement workflow of an order: its id is the idempotency key, so an order
	 * is replaced at most once (while the replacement is retained).
	 * @param orderId the order
	 * @return the workflow id
	 */
	static WorkflowId workflowOf(String orderId) {
		return WorkflowId.forKey(NAME, orderId);
	}

}

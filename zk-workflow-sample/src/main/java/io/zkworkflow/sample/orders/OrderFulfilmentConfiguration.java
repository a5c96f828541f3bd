package io.zkworkflow.sample.orders;

import io.zkworkflow.workflow.WorkflowDefinition;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The order-fulfilment workflow: a sequence, a fan-out, a fan-in, a compensation step and a
 * completion listener.
 */
@Configuration(proxyBeanMethods = false)
class OrderFulfilmentConfiguration {

	/** Name the workflow is started by. */
	static final String NAME = "order-fulfilment";

	@Bean
	WorkflowDefinition orderFulfilment() {
		return WorkflowDefinition.named(NAME)
			.step("reserve-stock")
			.then("charge-card")
			.thenParallel("send-invoice", "schedule-shipping")
			.then("close-order")
			.onFailure("refund-and-release")
			.onComplete(OrderOutcomes.TASK)
			.build();
	}

}

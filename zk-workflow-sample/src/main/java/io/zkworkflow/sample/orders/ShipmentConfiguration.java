package io.zkworkflow.sample.orders;

import java.time.Duration;
import java.time.Instant;

import io.zkworkflow.workflow.StepState;
import io.zkworkflow.workflow.StepStatus;
import io.zkworkflow.workflow.WorkflowDefinition;
import io.zkworkflow.workflow.WorkflowId;
import io.zkworkflow.workflow.WorkflowStatus;
import org.jspecify.annotations.Nullable;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The shipment workflow, run as a child by every workflow that sends goods out (order
 * fulfilment and a replacement): pack the parcel, wait for the courier's pickup with a durable
 * timer, hand the parcel over. Its result, the {@link Shipment} with its tracking number,
 * becomes the output of the parent's {@code shipment} step. A parent that is cancelled while
 * the parcel waits cancels the shipment too: the timer is withdrawn, nothing is handed over,
 * and {@code unpack-parcel} puts the goods back.
 */
@Configuration(proxyBeanMethods = false)
class ShipmentConfiguration {

	/** Name of the child workflow, also the id of the parents' step that runs it. */
	static final String NAME = "shipment";

	/** The timer step: the parcel waits for the courier. */
	static final String PICKUP = "wait-for-pickup";

	@Bean
	WorkflowDefinition shipment(@Value("${orders.shipment.pickup-delay:5s}") Duration pickupDelay) {
		return WorkflowDefinition.named(NAME)
			.step("pack-parcel")
			.sleep(pickupDelay)
			.as(PICKUP)
			.then("hand-to-courier")
			.onFailure("unpack-parcel")
			.build();
	}

	/**
	 * Return the shipment a parent workflow started at its {@code shipment} step. The engine
	 * derives a child's id from the parent's id and start time and the step, so the id is
	 * known without reading anything else.
	 * @param parent the parent's status
	 * @return the child's id, or {@code null} while the step waits for its predecessors or when
	 * it was skipped (a cancelled step may not have started it: its status is then unknown)
	 */
	static @Nullable WorkflowId shipmentOf(WorkflowStatus parent) {
		StepStatus step = parent.step(NAME);
		Instant started = parent.startedAt();
		if (step == null || started == null || step.state() == StepState.WAITING || step.state() == StepState.SKIPPED) {
			return null;
		}
		return WorkflowId.forKey(NAME, parent.id().value() + "@" + started.toEpochMilli() + "/" + NAME);
	}

}

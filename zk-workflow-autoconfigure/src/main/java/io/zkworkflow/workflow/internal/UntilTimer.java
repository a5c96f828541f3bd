package io.zkworkflow.workflow.internal;

import java.time.Duration;
import java.time.Instant;

import io.zkworkflow.internal.InputText;
import io.zkworkflow.task.TaskSubmitException;
import io.zkworkflow.workflow.StepDefinition;
import io.zkworkflow.workflow.StepWait;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * The delay of a step's task: its declared delay ({@code sleep}, a wait's timeout), or for an
 * {@code until} step the time left until the instant its function computes from the payload.
 * The instant is computed here, once, when the step starts; the delayed task that carries it
 * is what survives restarts and failover.
 */
final class UntilTimer {

	private UntilTimer() {
	}

	/**
	 * Return the delay of the step's task.
	 * @throws TaskSubmitException when an {@code until} function throws or returns
	 * {@code null}, which fails the step
	 */
	static @Nullable Duration delayOf(StepDefinition step, JsonNode payload, long now) {
		if (!(step.waitsFor() instanceof StepWait.Until until)) {
			return step.delay();
		}
		Instant instant;
		try {
			instant = until.instant().apply(payload);
		}
		catch (RuntimeException ex) {
			throw new TaskSubmitException("the until() function of step '" + step.name() + "' threw " + ex
					+ " for the payload " + InputText.quote(payload.toString()) + "; make it handle every payload "
					+ "the previous step can return", ex);
		}
		if (instant == null) {
			throw new TaskSubmitException("the until() function of step '" + step.name() + "' returned null for the "
					+ "payload " + InputText.quote(payload.toString()) + "; return the Instant the step should fire at");
		}
		return Duration.ofMillis(Math.max(0, instant.toEpochMilli() - now));
	}

}

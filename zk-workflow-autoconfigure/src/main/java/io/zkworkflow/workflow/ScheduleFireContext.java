package io.zkworkflow.workflow;

import java.time.Instant;
import java.util.List;

import io.micrometer.observation.Observation;
import org.jspecify.annotations.Nullable;

/**
 * Context of the {@code zk.workflow.schedule.fire} observation: one round in which the
 * coordinator fires the due ticks of a schedule in one transaction. The tasks it submits (or
 * the workflows it starts) are prepared inside it, so their traces continue the fire's.
 */
public final class ScheduleFireContext extends Observation.Context {

	private final String scheduleName;

	private final String kind;

	private final String target;

	private final List<Instant> ticks;

	private @Nullable String outcome;

	/**
	 * Create a context for one round of a schedule.
	 * @param scheduleName the schedule's name
	 * @param kind {@code task} or {@code workflow}
	 * @param target the task or workflow it fires
	 * @param ticks the ticks due in this round, oldest first
	 */
	public ScheduleFireContext(String scheduleName, String kind, String target, List<Instant> ticks) {
		this.scheduleName = scheduleName;
		this.kind = kind;
		this.target = target;
		this.ticks = List.copyOf(ticks);
	}

	/**
	 * The schedule's name.
	 * @return the name
	 */
	public String getScheduleName() {
		return this.scheduleName;
	}

	/**
	 * What the schedule fires: {@code task} or {@code workflow}.
	 * @return the kind
	 */
	public String getKind() {
		return this.kind;
	}

	/**
	 * The name of the task or workflow the schedule fires.
	 * @return the target
	 */
	public String getTarget() {
		return this.target;
	}

	/**
	 * The ticks due in this round, oldest first (some may turn out fired already).
	 * @return the ticks
	 */
	public List<Instant> getTicks() {
		return this.ticks;
	}

	/**
	 * How the round ended: {@code fired}, {@code already-fired} (every due tick had fired
	 * before), {@code raced} (another coordinator committed first: nothing was written here) or
	 * {@code failed}; {@code null} while it runs.
	 * @return the outcome or {@code null}
	 */
	public @Nullable String getOutcome() {
		return this.outcome;
	}

	public void setOutcome(@Nullable String outcome) {
		this.outcome = outcome;
	}

}

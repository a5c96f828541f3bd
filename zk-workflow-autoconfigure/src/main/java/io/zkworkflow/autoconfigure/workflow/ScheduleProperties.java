package io.zkworkflow.autoconfigure.workflow;

import java.time.Duration;

import io.zkworkflow.internal.PropertyChecks;
import io.zkworkflow.workflow.MisfirePolicy;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Settings of cron schedules (@WorkflowTask(cron = ...), workflow schedules).
 */
@ConfigurationProperties(ScheduleProperties.PREFIX)
public class ScheduleProperties {

	/** Prefix of the schedule properties. */
	public static final String PREFIX = "zk-workflow.schedules";

	/**
	 * Whether this instance's coordinator fires cron schedules when it leads.
	 */
	private boolean enabled = true;

	/**
	 * What to do with ticks missed while no coordinator fired them: SKIP drops them,
	 * FIRE_ONCE fires the latest missed tick of each gap once. A workflow schedule may set
	 * its own policy.
	 */
	private MisfirePolicy misfire = MisfirePolicy.SKIP;

	/**
	 * How late a tick may still fire normally; a tick found later than this was missed and
	 * is handled by the misfire policy.
	 */
	private Duration misfireThreshold = Duration.ofSeconds(5);

	public boolean isEnabled() {
		return this.enabled;
	}

	public void setEnabled(boolean enabled) {
		this.enabled = enabled;
	}

	public MisfirePolicy getMisfire() {
		return this.misfire;
	}

	public void setMisfire(MisfirePolicy misfire) {
		this.misfire = misfire;
	}

	public Duration getMisfireThreshold() {
		return this.misfireThreshold;
	}

	public void setMisfireThreshold(Duration misfireThreshold) {
		this.misfireThreshold = PropertyChecks.notNegative(PREFIX + ".misfire-threshold", misfireThreshold, "5s");
	}

}

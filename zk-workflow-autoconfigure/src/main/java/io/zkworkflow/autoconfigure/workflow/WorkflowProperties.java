package io.zkworkflow.autoconfigure.workflow;

import java.time.Duration;

import io.zkworkflow.internal.PropertyChecks;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException;
import org.springframework.util.unit.DataSize;

/**
 * Settings of workflows (WorkflowDefinition beans, WorkflowClient).
 */
@ConfigurationProperties(WorkflowProperties.PREFIX)
public class WorkflowProperties {

	/** Prefix of the workflow properties. */
	public static final String PREFIX = "zk-workflow.workflows";

	/**
	 * Whether workflows run: the workflow client, step transitions and the sweeper.
	 */
	private boolean enabled = true;

	/**
	 * Largest output of one step (and largest workflow input), as JSON. A step whose output is
	 * larger fails; store large data elsewhere and return a reference. Every output of a
	 * workflow lives in its one znode, so keep outputs small.
	 */
	private DataSize maxOutput = DataSize.ofKilobytes(16);

	/**
	 * How long a finished workflow stays in ZooKeeper, readable with WorkflowClient.status
	 * and blocking a second start with the same idempotency key. Keep history elsewhere by
	 * listening to WorkflowCompletedEvent and WorkflowFailedEvent.
	 */
	private Duration retention = Duration.ofHours(1);

	/**
	 * How often the coordinator removes finished workflows past their retention and repairs
	 * withdrawals interrupted by a crash.
	 */
	private Duration sweepInterval = Duration.ofSeconds(5);

	/**
	 * Whether startup fails when a workflow step names no @WorkflowTask of this application.
	 * Turn off in an application that only starts workflows whose steps run elsewhere.
	 */
	private boolean validateHandlers = true;

	public boolean isEnabled() {
		return this.enabled;
	}

	public void setEnabled(boolean enabled) {
		this.enabled = enabled;
	}

	public DataSize getMaxOutput() {
		return this.maxOutput;
	}

	public void setMaxOutput(DataSize maxOutput) {
		if (maxOutput.toBytes() < 1 || maxOutput.toKilobytes() > 256) {
			throw new InvalidConfigurationPropertyValueException(PREFIX + ".max-output", maxOutput,
					"Must be between 1B and 256KB: all outputs of a workflow share one znode (ZooKeeper's limit is "
							+ "1 MB). Store large outputs elsewhere and return a reference.");
		}
		this.maxOutput = maxOutput;
	}

	public Duration getRetention() {
		return this.retention;
	}

	public void setRetention(Duration retention) {
		this.retention = PropertyChecks.notNegative(PREFIX + ".retention", retention, "1h");
	}

	public Duration getSweepInterval() {
		return this.sweepInterval;
	}

	public void setSweepInterval(Duration sweepInterval) {
		this.sweepInterval = PropertyChecks.positive(PREFIX + ".sweep-interval", sweepInterval, "5s");
	}

	public boolean isValidateHandlers() {
		return this.validateHandlers;
	}

	public void setValidateHandlers(boolean validateHandlers) {
		this.validateHandlers = validateHandlers;
	}

}

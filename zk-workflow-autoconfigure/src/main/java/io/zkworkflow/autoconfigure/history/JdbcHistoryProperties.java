package io.zkworkflow.autoconfigure.history;

import java.time.Duration;

import io.zkworkflow.history.internal.SchemaInitialization;
import io.zkworkflow.internal.PropertyChecks;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException;

/**
 * Settings of the history sink that writes finished tasks and workflows to a relational
 * database through the application's DataSource.
 */
@ConfigurationProperties(JdbcHistoryProperties.PREFIX)
public class JdbcHistoryProperties {

	static final String PREFIX = "zk-workflow.history.jdbc";

	/**
	 * Whether each finished task and workflow is written to the history tables of the
	 * application's single DataSource. Off unless set.
	 */
	private boolean enabled;

	/**
	 * When to create the history tables at startup: embedded (only in an in-memory H2
	 * database), always (the scripts create only what is missing) or never (your own
	 * migrations create them from the shipped scripts).
	 */
	private SchemaInitialization initializeSchema = SchemaInitialization.EMBEDDED;

	/**
	 * Database platform whose schema script is used, such as h2 or postgresql. Detected
	 * from the database's product name when not set.
	 */
	private @Nullable String platform;

	/**
	 * Most rows waiting for the database. Endings that find the queue full are not written
	 * and are counted as dropped.
	 */
	private int queueCapacity = 10_000;

	/**
	 * How long shutdown waits for queued rows to reach the database before giving up on
	 * the rest.
	 */
	private Duration shutdownTimeout = Duration.ofSeconds(5);

	public boolean isEnabled() {
		return this.enabled;
	}

	public void setEnabled(boolean enabled) {
		this.enabled = enabled;
	}

	public SchemaInitialization getInitializeSchema() {
		return this.initializeSchema;
	}

	public void setInitializeSchema(SchemaInitialization initializeSchema) {
		this.initializeSchema = initializeSchema;
	}

	public @Nullable String getPlatform() {
		return this.platform;
	}

	public void setPlatform(@Nullable String platform) {
		this.platform = platform;
	}

	public int getQueueCapacity() {
		return this.queueCapacity;
	}

	public void setQueueCapacity(int queueCapacity) {
		if (queueCapacity < 1) {
			throw new InvalidConfigurationPropertyValueException(PREFIX + ".queue-capacity", queueCapacity,
					"Must be at least 1, for example 10000.");
		}
		this.queueCapacity = queueCapacity;
	}

	public Duration getShutdownTimeout() {
		return this.shutdownTimeout;
	}

	public void setShutdownTimeout(Duration shutdownTimeout) {
		this.shutdownTimeout = PropertyChecks.notNegative(PREFIX + ".shutdown-timeout", shutdownTimeout, "5s");
	}

}

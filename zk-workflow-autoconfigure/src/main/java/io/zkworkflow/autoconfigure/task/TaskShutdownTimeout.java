package io.zkworkflow.autoconfigure.task;

import java.time.Duration;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.autoconfigure.context.LifecycleProperties;

/**
 * How long the task engine's graceful stop lets running tasks finish. Spring Boot's lifecycle
 * processor waits for the engine's stop up to {@code spring.lifecycle.timeout-per-shutdown-phase},
 * then goes on and, soon after, closes the ZooKeeper client: the engine must hand back what
 * still runs before that, so it keeps a tenth of the phase timeout (at most a second) for it.
 */
final class TaskShutdownTimeout {

	private static final Log logger = LogFactory.getLog(TaskShutdownTimeout.class);

	/** Spring Framework's own phase timeout, without Spring Boot's lifecycle auto-configuration. */
	static final Duration FRAMEWORK_PHASE_TIMEOUT = Duration.ofSeconds(10);

	private static final Duration MOST_KEPT_FOR_HAND_BACK = Duration.ofSeconds(1);

	private TaskShutdownTimeout() {
	}

	/**
	 * Return the time running tasks get to finish.
	 * @param properties the task properties, whose {@code shutdown-timeout} wins when shorter
	 * @param lifecycle Spring Boot's lifecycle properties, {@code null} without them
	 * @return the time, never beyond the phase timeout less what the hand-back needs
	 */
	static Duration of(TaskProperties properties, @Nullable LifecycleProperties lifecycle) {
		Duration phase = (lifecycle != null) ? lifecycle.getTimeoutPerShutdownPhase() : FRAMEWORK_PHASE_TIMEOUT;
		Duration kept = phase.dividedBy(10);
		if (kept.compareTo(MOST_KEPT_FOR_HAND_BACK) > 0) {
			kept = MOST_KEPT_FOR_HAND_BACK;
		}
		Duration latest = phase.minus(kept);
		Duration configured = properties.getShutdownTimeout();
		if (configured == null) {
			return latest;
		}
		if (configured.compareTo(latest) > 0) {
			logger.warn(TaskProperties.PREFIX + ".shutdown-timeout=" + configured
					+ " is longer than spring.lifecycle.timeout-per-shutdown-phase=" + phase
					+ " allows: running tasks get " + latest + " to finish. Raise the phase timeout"
					+ " or shorten the shutdown timeout.");
			return latest;
		}
		return configured;
	}

}

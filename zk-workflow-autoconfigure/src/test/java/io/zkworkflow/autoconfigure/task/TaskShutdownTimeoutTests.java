package io.zkworkflow.autoconfigure.task;

import java.time.Duration;

import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.context.LifecycleProperties;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The time a graceful stop gives running tasks: Spring Boot's phase timeout, less what the
 * hand-back needs, unless {@code zk-workflow.tasks.shutdown-timeout} asks for less.
 */
class TaskShutdownTimeoutTests {

	@Test
	void withoutAShutdownTimeoutTasksGetThePhaseTimeoutLessASecondForTheHandBack() {
		assertThat(TaskShutdownTimeout.of(new TaskProperties(), phase(Duration.ofSeconds(30))))
			.isEqualTo(Duration.ofSeconds(29));
	}

	@Test
	void aShortPhaseTimeoutKeepsATenthForTheHandBack() {
		assertThat(TaskShutdownTimeout.of(new TaskProperties(), phase(Duration.ofSeconds(2))))
			.isEqualTo(Duration.ofMillis(1800));
	}

	@Test
	void aShorterShutdownTimeoutWins() {
		TaskProperties properties = new TaskProperties();
		properties.setShutdownTimeout(Duration.ofSeconds(5));
		assertThat(TaskShutdownTimeout.of(properties, phase(Duration.ofSeconds(30)))).isEqualTo(Duration.ofSeconds(5));
	}

	@Test
	void aLongerShutdownTimeoutIsCutToThePhaseTimeout() {
		TaskProperties properties = new TaskProperties();
		properties.setShutdownTimeout(Duration.ofMinutes(2));
		assertThat(TaskShutdownTimeout.of(properties, phase(Duration.ofSeconds(30))))
			.isEqualTo(Duration.ofSeconds(29));
	}

	@Test
	void withoutSpringBootsLifecycleTheFrameworksPhaseTimeoutApplies() {
		assertThat(TaskShutdownTimeout.of(new TaskProperties(), null)).isEqualTo(Duration.ofSeconds(9));
	}

	private static LifecycleProperties phase(Duration timeout) {
		LifecycleProperties properties = new LifecycleProperties();
		properties.setTimeoutPerShutdownPhase(timeout);
		return properties;
	}

}

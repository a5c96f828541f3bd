package io.zkworkflow.autoconfigure.task;

import java.time.Duration;

import io.zkworkflow.task.internal.TaskEngineSettings;
import io.zkworkflow.task.internal.TaskThreads;
import org.junit.jupiter.api.Test;

import org.springframework.util.unit.DataSize;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The settings handed to the task engine mirror {@link TaskProperties}.
 */
class TaskEngineSettingsTests {

	@Test
	void messagesNameTheBoundProperties() {
		assertThat(TaskEngineSettings.PROPERTY_PREFIX).isEqualTo(TaskProperties.PREFIX);
	}

	@Test
	void everySettingComesFromItsProperty() {
		TaskProperties properties = new TaskProperties();
		properties.setShards(3);
		properties.setMaxPayload(DataSize.ofKilobytes(5));
		properties.setMaxPending(7);
		properties.setPendingCountRefresh(Duration.ofMillis(11));
		properties.setRetention(Duration.ofMinutes(13));
		properties.setIdempotencyRetention(Duration.ofHours(17));
		properties.setShutdownTimeout(Duration.ofSeconds(19));
		properties.setCoordinatorInterval(Duration.ofMillis(23));
		properties.setStuckLeaseGrace(Duration.ofSeconds(29));
		properties.setMemberRefresh(Duration.ofMillis(31));

		TaskEngineSettings settings = TaskAutoConfiguration.settings(properties);

		assertThat(settings).isEqualTo(new TaskEngineSettings(3, DataSize.ofKilobytes(5), 7, Duration.ofMillis(11),
				Duration.ofMinutes(13), Duration.ofHours(17), Duration.ofSeconds(19), Duration.ofMillis(23),
				Duration.ofSeconds(29), Duration.ofMillis(31), TaskThreads.PLATFORM));
	}

}

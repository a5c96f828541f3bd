package io.zkworkflow.history;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import io.micrometer.core.instrument.MeterRegistry;
import io.zkworkflow.task.TaskClient;
import io.zkworkflow.task.TaskId;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The history sink on three instances sharing one H2 database (see
 * {@link HistorySinkContract}), and an instance whose database refuses every row still runs
 * and commits its tasks.
 */
@ExtendWith(OutputCaptureExtension.class)
class HistorySinkTests extends HistorySinkContract {

	private static final String SHARED = "jdbc:h2:mem:history-shared-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1";

	@Override
	List<String> databaseProperties() {
		return List.of("history-test.url=" + SHARED);
	}

	@Test
	void aDatabaseThatRefusesEveryRowDoesNotStopTasks(CapturedOutput output) {
		String empty = "jdbc:h2:mem:history-no-tables-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1";
		ConfigurableApplicationContext refusing = this.instances.start(
				new Class<?>[] { HistoryApps.Unrecorded.class }, "history-test.url=" + empty,
				"zk-workflow.history.jdbc.initialize-schema=never");
		TaskClient tasks = this.instances.get(0).getBean(TaskClient.class);
		List<TaskId> ids = new ArrayList<>();
		for (int i = 0; i < 5; i++) {
			ids.add(tasks.submit("history-unrecorded", "u-" + i));
		}
		for (int i = 0; i < ids.size(); i++) {
			assertThat(tasks.result(ids.get(i), String.class, Duration.ofSeconds(20))).isEqualTo("u-" + i + "-done");
		}
		MeterRegistry registry = refusing.getBean(MeterRegistry.class);
		await().atMost(Duration.ofSeconds(10))
			.untilAsserted(() -> assertThat(count(registry, "task", "failed")).isEqualTo(5));
		// one warning for the outage, not one per row
		assertThat(output.getAll()).containsOnlyOnce("is lost: the database refused it");
		assertThat(this.instances.get(2)
			.getBean(TaskHistory.class)
			.search(HistoryQuery.all().named("history-unrecorded"))).isEmpty();
	}

}

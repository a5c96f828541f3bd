package io.zkworkflow.history;

import java.time.Instant;

import io.zkworkflow.history.internal.JdbcTaskHistory;
import io.zkworkflow.history.internal.JdbcWorkflowHistory;
import io.zkworkflow.task.TaskState;
import io.zkworkflow.workflow.WorkflowState;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * A history query refuses what cannot be answered with a message that says what to change,
 * before any SQL is sent.
 */
class HistoryQueryTests {

	@Test
	void narrowsStepByStep() {
		Instant from = Instant.parse("2026-01-01T00:00:00Z");
		HistoryQuery query = HistoryQuery.all().named("send-email").inState(TaskState.DEAD).between(from, null).page(20, 10);
		assertThat(query).isEqualTo(new HistoryQuery("send-email", "DEAD", from, null, 20, 10));
		assertThat(HistoryQuery.all().limit()).isEqualTo(HistoryQuery.DEFAULT_LIMIT);
	}

	@Test
	void refusesANegativeOffset() {
		assertThatIllegalArgumentException().isThrownBy(() -> HistoryQuery.all().page(-1, 10))
			.withMessageContaining("offset must not be negative");
	}

	@Test
	void refusesALimitOutsideOneToTheMaximum() {
		assertThatIllegalArgumentException().isThrownBy(() -> HistoryQuery.all().page(0, 0))
			.withMessageContaining("between 1 and 1000");
		assertThatIllegalArgumentException().isThrownBy(() -> HistoryQuery.all().page(0, 1001))
			.withMessageContaining("page through more");
	}

	@Test
	void refusesARangeThatEndsBeforeItStarts() {
		Instant later = Instant.parse("2026-02-01T00:00:00Z");
		Instant earlier = Instant.parse("2026-01-01T00:00:00Z");
		assertThatIllegalArgumentException().isThrownBy(() -> HistoryQuery.all().between(later, earlier))
			.withMessageContaining("swap them");
	}

	@Test
	void refusesAHugeNameQuotingOnlyItsStart() {
		String huge = "n".repeat(20_000);
		assertThatIllegalArgumentException().isThrownBy(() -> HistoryQuery.all().named(huge))
			.satisfies((ex) -> assertThat(ex.getMessage()).hasSizeLessThan(400).contains("(20000 characters)"));
	}

	@Test
	void aStateNoFinishedTaskOrWorkflowHasIsRefusedNamingTheValidOnes() {
		JdbcDataSource dataSource = new JdbcDataSource();
		dataSource.setURL("jdbc:h2:mem:history-query-tests;DB_CLOSE_DELAY=-1");
		JdbcClient jdbc = JdbcClient.create(dataSource);
		JsonMapper json = JsonMapper.builder().build();
		assertThatIllegalArgumentException()
			.isThrownBy(() -> new JdbcTaskHistory(jdbc, json).search(HistoryQuery.all().inState(TaskState.RUNNING)))
			.withMessageContaining("'RUNNING'")
			.withMessageContaining("[SUCCEEDED, DEAD]");
		assertThatIllegalArgumentException()
			.isThrownBy(() -> new JdbcWorkflowHistory(jdbc, json)
				.search(HistoryQuery.all().inState(WorkflowState.COMPENSATING)))
			.withMessageContaining("[COMPLETED, FAILED, CANCELLED]");
	}

}

package io.zkworkflow.task.internal;

import java.util.Map;

import org.junit.jupiter.api.Test;
import org.slf4j.MDC;
import tools.jackson.databind.node.StringNode;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The MDC entries of a handler run, for a plain task and for a workflow step's task.
 */
class TaskMdcTests {

	@Test
	void aWorkflowStepsTaskNamesItsWorkflowAndStepAndEverythingIsRemovedAfterwards() {
		TaskRecord record = TaskRecord
			.submitted("u1", "charge", null, 0, 0, Map.of("zk-workflow.workflow", "order/w-1", "zk-workflow.step", "pay"),
					StringNode.valueOf("p"))
			.running(new RunRecord("w", 1_000, 500, 3, 100, 10_000));
		try (TaskTracing.Scope scope = TaskMdc.put(record)) {
			assertThat(MDC.get("zkWorkflow.taskId")).isEqualTo("charge/u1");
			assertThat(MDC.get("zkWorkflow.taskName")).isEqualTo("charge");
			assertThat(MDC.get("zkWorkflow.attempt")).isEqualTo("1");
			assertThat(MDC.get("zkWorkflow.workflowId")).isEqualTo("order/w-1");
			assertThat(MDC.get("zkWorkflow.step")).isEqualTo("pay");
		}
		for (String key : TaskMdc.KEYS) {
			assertThat(MDC.get(key)).as(key).isNull();
		}
	}

	@Test
	void aPlainTaskHasNoWorkflowEntries() {
		TaskRecord record = TaskRecord.submitted("u2", "echo", null, 0, 0, Map.of(), StringNode.valueOf("p"));
		try (TaskTracing.Scope scope = TaskMdc.put(record)) {
			assertThat(MDC.get("zkWorkflow.taskName")).isEqualTo("echo");
			assertThat(MDC.get("zkWorkflow.workflowId")).isNull();
			assertThat(MDC.get("zkWorkflow.step")).isNull();
		}
		assertThat(MDC.get("zkWorkflow.taskId")).isNull();
	}

}

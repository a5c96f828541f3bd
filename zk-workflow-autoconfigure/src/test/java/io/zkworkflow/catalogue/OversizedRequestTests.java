package io.zkworkflow.catalogue;

import java.util.List;

import io.zkworkflow.actuate.internal.ZkWorkflowEndpoint;
import io.zkworkflow.config.ZkConfigTemplate;
import io.zkworkflow.internal.InputText;
import io.zkworkflow.task.TaskClient;
import io.zkworkflow.task.TaskId;
import io.zkworkflow.test.ZooKeeperServerExtension;
import io.zkworkflow.workflow.WorkflowClient;
import io.zkworkflow.workflow.WorkflowId;
import org.apache.curator.framework.state.ConnectionState;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import org.springframework.boot.actuate.endpoint.SecurityContext;
import org.springframework.boot.actuate.endpoint.web.WebEndpointResponse;
import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * Ids, names and keys of 20 MB, through the actuator and the clients. Sent to ZooKeeper, one
 * of them makes a packet over {@code jute.maxbuffer}, and the server drops the connection of
 * the whole instance; they are refused before, with a message that quotes only the start of
 * what was sent, and the session never notices.
 */
class OversizedRequestTests {

	private static final String HUGE = "x".repeat(20 * 1024 * 1024);

	/** A refusal quotes at most {@value InputText#MAX_QUOTED} characters plus its own words. */
	private static final int MAX_MESSAGE = InputText.MAX_QUOTED + 400;

	@RegisterExtension
	static final ZooKeeperServerExtension zookeeper = new ZooKeeperServerExtension();

	private static ConfigurableApplicationContext running;

	private static List<ConnectionState> connectionStates = List.of();

	@BeforeAll
	static void start() {
		running = CatalogueApp.start(zookeeper, RuntimeBadInputTests.App.class,
				"management.endpoints.web.exposure.include=zkworkflow", "management.endpoint.zkworkflow.access=unrestricted");
		connectionStates = CatalogueApp.recordConnectionStates(running);
	}

	@AfterAll
	static void stop() {
		running.close();
	}

	@AfterEach
	void theInstanceNeitherLostItsSessionNorStoppedWorking() {
		CatalogueApp.assertWorking(running);
		assertThat(connectionStates).as("connection state changes of the instance's session").isEmpty();
	}

	@Test
	void actuatorRetryWithAHugeIdIs400QuotingOnlyItsStart() {
		WebEndpointResponse<Object> response = running.getBean(ZkWorkflowEndpoint.class)
			.operate(SecurityContext.NONE, "tasks", "retry", "echo/" + HUGE, null, null);
		assertThat(response.getStatus()).isEqualTo(400);
		assertThat(response.getBody()).asString()
			.hasSizeLessThan(MAX_MESSAGE)
			.contains("longer than 1024 characters")
			.contains("(" + (HUGE.length() + 5) + " characters)");
	}

	@Test
	void actuatorOperationWithAHugeNameIs404QuotingOnlyItsStart() {
		WebEndpointResponse<Object> response = running.getBean(ZkWorkflowEndpoint.class)
			.operate(SecurityContext.NONE, "tasks", HUGE, null, null, null);
		assertThat(response.getStatus()).isEqualTo(404);
		assertThat(response.getBody()).asString().hasSizeLessThan(MAX_MESSAGE).contains("No operation 'xxx");
	}

	@Test
	void taskClientRefusesAHugeUid() {
		TaskClient tasks = running.getBean(TaskClient.class);
		assertThatIllegalArgumentException().isThrownBy(() -> tasks.status(TaskId.parse("echo/" + HUGE)))
			.satisfies((ex) -> assertThat(ex.getMessage()).hasSizeLessThan(MAX_MESSAGE))
			.withMessageContaining("must be at most 512 characters");
	}

	@Test
	void taskClientRefusesAHugeTaskName() {
		TaskClient tasks = running.getBean(TaskClient.class);
		assertThatIllegalArgumentException().isThrownBy(() -> tasks.submit(HUGE, "payload"))
			.satisfies((ex) -> assertThat(ex.getMessage()).hasSizeLessThan(MAX_MESSAGE))
			.withMessageContaining("must be at most 200 characters");
	}

	@Test
	void workflowClientRefusesAHugeId() {
		WorkflowClient workflows = running.getBean(WorkflowClient.class);
		assertThatIllegalArgumentException().isThrownBy(() -> workflows.status(new WorkflowId(HUGE)))
			.satisfies((ex) -> assertThat(ex.getMessage()).hasSizeLessThan(MAX_MESSAGE))
			.withMessageContaining("must be at most 512 characters");
	}

	@Test
	void configTemplateRefusesAHugeKey() {
		ZkConfigTemplate config = running.getBean(ZkConfigTemplate.class);
		assertThatIllegalArgumentException().isThrownBy(() -> config.publish(HUGE, "1"))
			.satisfies((ex) -> assertThat(ex.getMessage()).hasSizeLessThan(MAX_MESSAGE))
			.withMessageContaining("at most 512 characters");
	}

}

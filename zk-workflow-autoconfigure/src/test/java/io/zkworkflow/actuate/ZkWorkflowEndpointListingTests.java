package io.zkworkflow.actuate;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.zkworkflow.actuate.internal.ZkWorkflowEndpoint;
import io.zkworkflow.autoconfigure.ZkWorkflowAutoConfiguration;
import io.zkworkflow.autoconfigure.actuate.ZkWorkflowEndpointAutoConfiguration;
import io.zkworkflow.autoconfigure.task.TaskAutoConfiguration;
import io.zkworkflow.autoconfigure.workflow.WorkflowAutoConfiguration;
import io.zkworkflow.task.TaskClient;
import io.zkworkflow.task.TaskId;
import io.zkworkflow.task.TaskSubmission;
import io.zkworkflow.task.WorkflowTask;
import io.zkworkflow.test.ZkInstances;
import io.zkworkflow.test.ZooKeeperServerExtension;
import io.zkworkflow.workflow.WorkflowClient;
import io.zkworkflow.workflow.WorkflowDefinition;
import io.zkworkflow.workflow.WorkflowId;
import io.zkworkflow.workflow.WorkflowState;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import org.springframework.boot.actuate.endpoint.web.WebEndpointResponse;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.jackson.autoconfigure.JacksonAutoConfiguration;
import org.springframework.cloud.zookeeper.ZookeeperAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The endpoint's {@code tasks/list} and {@code workflows/list} read operations, with three
 * instances on one ZooKeeper: pages read on one instance continue on the next, and bad
 * arguments get a 400 or 404 that says what is wrong.
 */
class ZkWorkflowEndpointListingTests {

	@RegisterExtension
	static final ZooKeeperServerExtension zookeeper = new ZooKeeperServerExtension();

	private static ZkInstances instances;

	@BeforeAll
	static void startInstances() {
		instances = ZkInstances.on(zookeeper)
			.sources(Infrastructure.class)
			.properties("spring.cloud.zookeeper.session-timeout=4s", "zk-workflow.tasks.coordinator-interval=100ms",
					"zk-workflow.tasks.member-refresh=200ms", "management.endpoints.web.exposure.include=zkworkflow",
					"logging.level.io.zkworkflow=WARN");
		for (int i = 0; i < 3; i++) {
			instances.start(ListedWork.class);
		}
	}

	@AfterAll
	static void stopInstances() {
		instances.close();
	}

	private static ZkWorkflowEndpoint endpoint(int index) {
		return instances.get(index % 3).getBean(ZkWorkflowEndpoint.class);
	}

	@Test
	void tasksArePagedAcrossInstancesByNameAndState() {
		List<String> submitted = new ArrayList<>();
		for (int i = 0; i < 7; i++) {
			TaskId id = instances.get(i % 3).getBean(TaskClient.class).submit("endpoint-unserved", "p" + i);
			submitted.add(id.toString());
		}
		assertThat(listAll("tasks", "endpoint-unserved", "PENDING", "3")).containsExactlyInAnyOrderElementsOf(submitted);
		assertThat(listAll("tasks", "endpoint-unserved", "dead,succeeded", "3")).isEmpty();
	}

	@Test
	void moreThanTenThousandTasksArePagedWithTheCursorEachExactlyOnce() {
		TaskClient client = instances.get(0).getBean(TaskClient.class);
		List<String> submitted = new ArrayList<>();
		for (int batch = 0; batch < 2; batch++) {
			List<TaskSubmission> submissions = new ArrayList<>();
			for (int i = 0; i < 5_100; i++) {
				submissions.add(TaskSubmission.of("endpoint-many", "m" + batch + "-" + i));
			}
			client.submitAll(submissions).forEach((result) -> submitted.add(result.id().toString()));
		}
		assertThat(submitted).hasSize(10_200).doesNotHaveDuplicates();
		List<String> listed = listAll("tasks", "endpoint-many", "PENDING", "1000");
		assertThat(listed).hasSize(10_200).doesNotHaveDuplicates().containsExactlyInAnyOrderElementsOf(submitted);
		assertThat(listAll("tasks", "endpoint-many", null, "1000")).hasSize(10_200);
	}

	@Test
	void workflowsArePagedAcrossInstancesByDefinitionAndState() {
		List<String> started = new ArrayList<>();
		for (int i = 0; i < 5; i++) {
			WorkflowId id = instances.get(i % 3).getBean(WorkflowClient.class).start("endpoint-flow", "in" + i);
			started.add(id.value());
		}
		WorkflowClient client = instances.get(0).getBean(WorkflowClient.class);
		await().atMost(Duration.ofSeconds(60)).until(() -> started.stream()
			.allMatch((id) -> client.status(new WorkflowId(id)).state() == WorkflowState.COMPLETED));
		assertThat(listAll("workflows", "endpoint-flow", "COMPLETED", "2")).containsExactlyInAnyOrderElementsOf(started);
		assertThat(listAll("workflows", "endpoint-flow", "RUNNING,FAILED", null)).isEmpty();
	}

	@Test
	void badArgumentsAreRefusedWithWhatIsWrong() {
		assertThat(error(endpoint(0).list("tasks", "list", "endpoint-unserved", "BOGUS", null, null), 400))
			.contains("Unknown task state 'BOGUS'").contains("PENDING");
		assertThat(error(endpoint(1).list("tasks", "list", null, null, null, null), 400)).contains("?name=");
		assertThat(error(endpoint(2).list("tasks", "list", "endpoint-unserved", null, null, "0"), 400))
			.contains("between 1 and 1000");
		assertThat(error(endpoint(0).list("tasks", "list", "endpoint-unserved", null, null, "ten"), 400))
			.contains("'ten' is not a number");
		assertThat(error(endpoint(1).list("tasks", "list", "endpoint-unserved", null, "not-a-cursor", null), 400))
			.contains("not one that list returned");
		assertThat(error(endpoint(2).list("workflows", "list", "endpoint-flow", null, "c".repeat(5000), null), 400))
			.contains("longer than 1024").contains("(5000 characters)");
		assertThat(error(endpoint(0).list("workflows", "list", "endpoint-flow", "UNKNOWN", null, null), 400))
			.contains("UNKNOWN matches no listed workflow");
		assertThat(error(endpoint(1).list("locks", "list", "x", null, null, null), 404)).contains("tasks/list");
		assertThat(endpoint(2).list("tasks", "list", "endpoint-unserved", null, null, "1").getStatus()).isEqualTo(200);
	}

	private static String error(WebEndpointResponse<Object> response, int status) {
		assertThat(response.getStatus()).isEqualTo(status);
		return String.valueOf(((Map<?, ?>) response.getBody()).get("error"));
	}

	/** Every page, each read on the next instance; returns the ids. */
	@SuppressWarnings("unchecked")
	private static List<String> listAll(String section, String name, String state, String size) {
		List<String> ids = new ArrayList<>();
		String cursor = null;
		int pages = 0;
		do {
			WebEndpointResponse<Object> response = endpoint(pages++).list(section, "list", name, state, cursor, size);
			assertThat(response.getStatus()).isEqualTo(200);
			Map<String, Object> page = (Map<String, Object>) response.getBody();
			((List<Map<String, Object>>) page.get("items")).forEach((item) -> ids.add((String) item.get("id")));
			cursor = (String) page.get("nextCursor");
		}
		while (cursor != null && pages < 100);
		return ids;
	}

	@ImportAutoConfiguration({ ZookeeperAutoConfiguration.class, JacksonAutoConfiguration.class,
			ZkWorkflowAutoConfiguration.class, TaskAutoConfiguration.class, WorkflowAutoConfiguration.class,
			ZkWorkflowEndpointAutoConfiguration.class })
	static class Infrastructure {

	}

	@Configuration(proxyBeanMethods = false)
	static class ListedWork {

		@Bean
		WorkflowDefinition endpointFlow() {
			return WorkflowDefinition.named("endpoint-flow").step("endpoint-step").build();
		}

		@Bean
		Steps endpointSteps() {
			return new Steps();
		}

	}

	static class Steps {

		@WorkflowTask(name = "endpoint-step")
		String step(String input) {
			return input + " done";
		}

	}

}

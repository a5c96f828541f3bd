package io.zkworkflow.benchmarks.capability;

import java.util.Collections;
import java.util.List;

import io.zkworkflow.autoconfigure.ZkWorkflowAutoConfiguration;
import io.zkworkflow.autoconfigure.task.TaskAutoConfiguration;
import io.zkworkflow.autoconfigure.workflow.WorkflowAutoConfiguration;
import io.zkworkflow.task.WorkflowTask;
import io.zkworkflow.workflow.WorkflowDefinition;

import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.jackson.autoconfigure.JacksonAutoConfiguration;
import org.springframework.cloud.zookeeper.ZookeeperAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The applications the workflow subjects start: every instance declares both workflows; workers
 * also serve their steps with trivial handlers, which hand their payload on unchanged so that
 * the completion event still carries the {@link TaskItem} the workflow started with.
 */
final class WorkflowApps {

	/** Four steps in a line. */
	static final String FOUR_STEP = "bench-four-step";

	/** One step returning {@value #FAN_OUT_ELEMENTS} elements, then a {@code forEach} over them. */
	static final String FAN_OUT = "bench-fan-out-100";

	/** Elements of the fan-out. */
	static final int FAN_OUT_ELEMENTS = 100;

	/** Element tasks of one fan-out pending or running at once. */
	static final int FAN_OUT_PARALLELISM = 16;

	/** The first step of the four-step workflow: its output is the workflow's {@link TaskItem}. */
	static final String FIRST_STEP = "bench-wf-a";

	/** The first step of the fan-out: its output is 100 copies of the workflow's {@link TaskItem}. */
	static final String LIST_STEP = "bench-wf-list";

	static final String ELEMENT_STEP = "bench-wf-element";

	/** Handler threads per step task and worker; four steps x 8 = the 32 of the task baseline. */
	static final int STEP_CONCURRENCY = 8;

	/** Handler threads of the element task per worker, the task baseline's 32. */
	static final int ELEMENT_CONCURRENCY = 32;

	private WorkflowApps() {
	}

	static Class<?>[] producer() {
		return new Class<?>[] { Infrastructure.class, Definitions.class };
	}

	static Class<?>[] worker() {
		return new Class<?>[] { Infrastructure.class, Definitions.class, Steps.class };
	}

	/** ZooKeeper, Jackson, zk-workflow, its task engine and workflows. */
	@ImportAutoConfiguration({ ZookeeperAutoConfiguration.class, JacksonAutoConfiguration.class,
			ZkWorkflowAutoConfiguration.class, TaskAutoConfiguration.class, WorkflowAutoConfiguration.class })
	@Configuration(proxyBeanMethods = false)
	static class Infrastructure {

	}

	@Configuration(proxyBeanMethods = false)
	static class Definitions {

		@Bean
		WorkflowDefinition benchFourStep() {
			return WorkflowDefinition.named(FOUR_STEP)
				.step(FIRST_STEP)
				.then("bench-wf-b")
				.then("bench-wf-c")
				.then("bench-wf-d")
				.build();
		}

		@Bean
		WorkflowDefinition benchFanOut() {
			return WorkflowDefinition.named(FAN_OUT)
				.step(LIST_STEP)
				.forEach(ELEMENT_STEP, FAN_OUT_PARALLELISM)
				.build();
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class Steps {

		@Bean
		StepHandlers benchmarkStepHandlers() {
			return new StepHandlers();
		}

	}

	/** Trivial step handlers: each hands its payload on, the list step copies it 100 times. */
	public static class StepHandlers {

		@WorkflowTask(name = FIRST_STEP, concurrency = STEP_CONCURRENCY)
		public TaskItem a(TaskItem item) {
			return item;
		}

		@WorkflowTask(name = "bench-wf-b", concurrency = STEP_CONCURRENCY)
		public TaskItem b(TaskItem item) {
			return item;
		}

		@WorkflowTask(name = "bench-wf-c", concurrency = STEP_CONCURRENCY)
		public TaskItem c(TaskItem item) {
			return item;
		}

		@WorkflowTask(name = "bench-wf-d", concurrency = STEP_CONCURRENCY)
		public TaskItem d(TaskItem item) {
			return item;
		}

		/** The fan-out's input: small elements (ids), as docs/workflows.md advises. */
		@WorkflowTask(name = LIST_STEP, concurrency = STEP_CONCURRENCY)
		public List<TaskItem> list(TaskItem item) {
			return Collections.nCopies(FAN_OUT_ELEMENTS, item);
		}

		@WorkflowTask(name = ELEMENT_STEP, concurrency = ELEMENT_CONCURRENCY)
		public void element(TaskItem item) {
		}

	}

}

package io.zkworkflow.autoconfigure.workflow;

import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;

import io.micrometer.core.instrument.MeterRegistry;
import io.zkworkflow.autoconfigure.ZooKeeperContexts;
import io.zkworkflow.autoconfigure.ZooKeeperContexts.UserBean;
import io.zkworkflow.autoconfigure.task.TaskAutoConfiguration;
import io.zkworkflow.internal.AdminOperation;
import io.zkworkflow.internal.StatusSection;
import io.zkworkflow.internal.ZkRoot;
import io.zkworkflow.task.TaskClient;
import io.zkworkflow.workflow.MisfirePolicy;
import io.zkworkflow.workflow.ScheduleClient;
import io.zkworkflow.workflow.StartOptions;
import io.zkworkflow.workflow.WorkflowClient;
import io.zkworkflow.workflow.WorkflowId;
import io.zkworkflow.workflow.WorkflowStatus;
import io.zkworkflow.workflow.internal.ChildEndTask;
import io.zkworkflow.workflow.internal.ScheduleFirer;
import io.zkworkflow.workflow.internal.RuntimeSchedules;
import io.zkworkflow.workflow.internal.ScheduleRegistry;
import io.zkworkflow.workflow.internal.DeadStepRelayTask;
import io.zkworkflow.workflow.internal.SignalRelayTask;
import io.zkworkflow.workflow.internal.SleepTask;
import io.zkworkflow.workflow.internal.WorkflowCodec;
import io.zkworkflow.workflow.internal.WorkflowEventRelay;
import io.zkworkflow.workflow.internal.WorkflowMetrics;
import io.zkworkflow.workflow.internal.WorkflowPaths;
import io.zkworkflow.workflow.internal.WorkflowRegistry;
import io.zkworkflow.workflow.internal.WorkflowStore;
import io.zkworkflow.workflow.internal.WorkflowSweeper;
import io.zkworkflow.workflow.internal.WorkflowTransitions;
import io.zkworkflow.workflow.internal.WorkflowVersions;
import io.zkworkflow.workflow.internal.ZkScheduleClient;
import io.zkworkflow.workflow.internal.ZkWorkflowClient;
import io.zkworkflow.test.ZooKeeperServerExtension;
import org.apache.curator.framework.CuratorFramework;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Conditions of {@link WorkflowAutoConfiguration}.
 */
class WorkflowAutoConfigurationTests {

	private static final String WORKFLOW_SECTION = "zkWorkflowWorkflowStatusSection";

	private static final String SCHEDULE_SECTION = "zkWorkflowScheduleStatusSection";

	@RegisterExtension
	static final ZooKeeperServerExtension zookeeper = new ZooKeeperServerExtension();

	private final ApplicationContextRunner runner = ZooKeeperContexts
		.runner(zookeeper, TaskAutoConfiguration.class, WorkflowAutoConfiguration.class)
		.withPropertyValues("zk-workflow.tasks.shutdown-timeout=2s");

	@Test
	void defaultsOfferTheClientTheSweeperAndTheSchedules() {
		this.runner.run((context) -> assertThat(context).hasSingleBean(WorkflowClient.class)
			.hasSingleBean(ScheduleClient.class)
			.hasBean("zkWorkflowSchedulePauseOperation")
			.hasBean("zkWorkflowScheduleResumeOperation")
			.hasBean("zkWorkflowScheduleTriggerOperation")
			.hasBean("zkWorkflowSignalOperation")
			.hasSingleBean(WorkflowSweeper.class)
			.hasSingleBean(ScheduleFirer.class)
			.hasSingleBean(WorkflowMetrics.class)
			.hasSingleBean(SleepTask.class)
			.hasSingleBean(ChildEndTask.class)
			.hasBean(WORKFLOW_SECTION)
			.hasBean(SCHEDULE_SECTION));
	}

	@Test
	void backsOffWhenWorkflowsAreDisabled() {
		this.runner.withPropertyValues("zk-workflow.workflows.enabled=false")
			.run((context) -> assertThat(context).hasSingleBean(TaskClient.class)
				.doesNotHaveBean(WorkflowClient.class)
				.doesNotHaveBean(WorkflowStore.class));
	}

	@Test
	void backsOffWithoutTheTaskEngine() {
		this.runner.withPropertyValues("zk-workflow.tasks.enabled=false")
			.run((context) -> assertThat(context).hasSingleBean(ZkRoot.class)
				.doesNotHaveBean(TaskClient.class)
				.doesNotHaveBean(WorkflowClient.class));
	}

	@Test
	void backsOffWhenZkWorkflowIsDisabled() {
		this.runner.withPropertyValues("zk-workflow.enabled=false")
			.run((context) -> assertThat(context).hasNotFailed().doesNotHaveBean(WorkflowClient.class));
	}

	@Test
	void schedulesCanBeTurnedOff() {
		this.runner.withPropertyValues("zk-workflow.schedules.enabled=false")
			.run((context) -> assertThat(context).hasSingleBean(WorkflowClient.class)
				.doesNotHaveBean(ScheduleFirer.class));
	}

	@Test
	void noMetricsWithoutMicrometer() {
		this.runner.withClassLoader(new FilteredClassLoader(MeterRegistry.class))
			.run((context) -> assertThat(context).hasSingleBean(WorkflowClient.class)
				.doesNotHaveBean(WorkflowMetrics.class));
	}

	@Test
	void whatReadsZkWorkflowsOwnClientBacksOffWithTheApplicationsClient() {
		this.runner.withBean("usersWorkflowClient", WorkflowClient.class, RefusingWorkflowClient::new)
			.run((context) -> assertThat(context).hasNotFailed()
				.doesNotHaveBean(ZkWorkflowClient.class)
				.doesNotHaveBean(WorkflowSweeper.class)
				.doesNotHaveBean(ScheduleFirer.class)
				.doesNotHaveBean(WORKFLOW_SECTION)
				.hasSingleBean(WorkflowTransitions.class)
				.hasBean(SCHEDULE_SECTION));
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("usersOwnBeans")
	void backsOffToTheApplicationsOwnBean(UserBean bean) {
		bean.assertUsedBy(this.runner);
	}

	static Stream<UserBean> usersOwnBeans() {
		return Stream.of(UserBean.built(WorkflowPaths.class), UserBean.built(WorkflowCodec.class),
				UserBean.supplied(WorkflowRegistry.class, () -> new WorkflowRegistry(List.of(), null, false)),
				UserBean.built(WorkflowEventRelay.class), UserBean.built(WorkflowStore.class, 64 * 1024L),
				UserBean.supplied(WorkflowClient.class, RefusingWorkflowClient::new),
				UserBean.built(WorkflowTransitions.class),
				UserBean.configured(WorkflowSweeper.class, UsersSweeperConfiguration.class),
				UserBean.named(WORKFLOW_SECTION, new UsersSection("workflows")), UserBean.built(ScheduleRegistry.class),
				UserBean.built(RuntimeSchedules.class, 16384L),
				UserBean.configured(ScheduleFirer.class, UsersFirerConfiguration.class),
				UserBean.configured(ScheduleClient.class, UsersScheduleClientConfiguration.class),
				UserBean.named(SCHEDULE_SECTION, new UsersSection("schedules")),
				UserBean.supplied(WorkflowMetrics.class, () -> WorkflowMetrics.NONE), UserBean.built(SleepTask.class),
				UserBean.configured(ChildEndTask.class, UsersChildEndTaskConfiguration.class),
				UserBean.configured(SignalRelayTask.class, UsersSignalRelayConfiguration.class),
				UserBean.configured(DeadStepRelayTask.class, UsersDeadStepRelayConfiguration.class),
				UserBean.configured(WorkflowVersions.class, UsersVersionsConfiguration.class),
				UserBean.named("zkWorkflowSignalOperation",
						AdminOperation.onId("workflows", "signal", "the workflow id", "w-1", (id) -> "own")));
	}

	@Configuration(proxyBeanMethods = false)
	static class UsersSweeperConfiguration {

		@Bean
		WorkflowSweeper usersWorkflowSweeper(WorkflowStore store, TaskClient tasks, ZkWorkflowClient client) {
			return new WorkflowSweeper(store, tasks, client, Duration.ofDays(1), Duration.ofMinutes(1));
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class UsersScheduleClientConfiguration {

		@Bean
		ScheduleClient usersScheduleClient(ScheduleRegistry schedules, WorkflowStore store, TaskClient tasks,
				WorkflowClient workflows) {
			return new ZkScheduleClient(schedules, store, tasks, workflows);
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class UsersChildEndTaskConfiguration {

		@Bean
		ChildEndTask usersChildEndTask(WorkflowStore store) {
			return new ChildEndTask(store);
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class UsersSignalRelayConfiguration {

		@Bean
		SignalRelayTask usersSignalRelayTask(WorkflowClient client) {
			return new SignalRelayTask(client);
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class UsersDeadStepRelayConfiguration {

		@Bean
		DeadStepRelayTask usersDeadStepRelayTask(WorkflowTransitions transitions, WorkflowStore store) {
			return new DeadStepRelayTask(transitions, store);
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class UsersVersionsConfiguration {

		@Bean
		WorkflowVersions usersWorkflowVersions(CuratorFramework curator, WorkflowPaths paths,
				WorkflowRegistry registry) {
			return new WorkflowVersions(curator, paths, registry, "users-instance", null);
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class UsersFirerConfiguration {

		@Bean
		ScheduleFirer usersScheduleFirer(ScheduleRegistry schedules, WorkflowStore store, TaskClient tasks,
				ZkWorkflowClient client) {
			return new ScheduleFirer(schedules, store, tasks, client, MisfirePolicy.SKIP, Duration.ofMinutes(1),
					() -> false);
		}

	}

	record UsersSection(String sectionName) implements StatusSection {

		@Override
		public Object snapshot() {
			return "own";
		}

	}

	/** An application's own {@link WorkflowClient}; the condition tests never call it. */
	static final class RefusingWorkflowClient implements WorkflowClient {

		@Override
		public WorkflowId start(String definition, Object input, StartOptions options) {
			throw refused();
		}

		@Override
		public WorkflowStatus status(WorkflowId id) {
			throw refused();
		}

		@Override
		public boolean cancel(WorkflowId id) {
			throw refused();
		}

		private static UnsupportedOperationException refused() {
			return new UnsupportedOperationException("This application's own WorkflowClient runs no workflows");
		}

	}

}

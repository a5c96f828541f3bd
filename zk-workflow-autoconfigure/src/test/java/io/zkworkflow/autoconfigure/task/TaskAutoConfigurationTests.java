package io.zkworkflow.autoconfigure.task;

import java.util.List;
import java.util.stream.Stream;

import io.micrometer.core.instrument.MeterRegistry;
import io.zkworkflow.autoconfigure.ZooKeeperContexts;
import io.zkworkflow.autoconfigure.ZooKeeperContexts.UserBean;
import io.zkworkflow.internal.AdminOperation;
import io.zkworkflow.internal.EphemeralBudget;
import io.zkworkflow.internal.StandingEphemerals;
import io.zkworkflow.internal.StatusSection;
import io.zkworkflow.internal.ZkRoot;
import io.zkworkflow.task.TaskClient;
import io.zkworkflow.task.internal.InstancesStatusSection;
import io.zkworkflow.task.internal.MemberDirectory;
import io.zkworkflow.task.internal.TaskActivity;
import io.zkworkflow.task.internal.TaskCodec;
import io.zkworkflow.task.internal.TaskEngine;
import io.zkworkflow.task.internal.TaskHandlerRegistry;
import io.zkworkflow.task.internal.TaskMetrics;
import io.zkworkflow.task.internal.ObservedTaskTracing;
import io.zkworkflow.task.internal.TaskTracing;
import io.zkworkflow.task.DefaultTaskAttemptObservationConvention;
import io.zkworkflow.task.TaskAttemptObservationConvention;
import io.micrometer.observation.ObservationRegistry;
import io.zkworkflow.task.internal.TaskPaths;
import io.zkworkflow.task.internal.TaskStatusSection;
import io.zkworkflow.task.internal.WorkflowTaskMethodProcessor;
import io.zkworkflow.task.internal.ZkTaskClient;
import io.zkworkflow.test.ZooKeeperServerExtension;
import org.apache.curator.framework.CuratorFramework;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.cloud.zookeeper.discovery.ZookeeperDiscoveryProperties;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Conditions of {@link TaskAutoConfiguration}.
 */
class TaskAutoConfigurationTests {

	private static final String MEMBER_EPHEMERALS = "zkWorkflowMemberEphemerals";

	private static final String STATUS_SECTION = "zkWorkflowTaskStatusSection";

	private static final String DISCOVERY_METADATA = "zkWorkflowTaskDiscoveryMetadata";

	@RegisterExtension
	static final ZooKeeperServerExtension zookeeper = new ZooKeeperServerExtension();

	private final ApplicationContextRunner runner = ZooKeeperContexts.runner(zookeeper, TaskAutoConfiguration.class)
		.withPropertyValues("zk-workflow.tasks.shutdown-timeout=2s");

	@Test
	void tracingUsesTheContextsObservationRegistryAndConventions() {
		this.runner.withBean(ObservationRegistry.class, ObservationRegistry::create)
			.withBean(TaskAttemptObservationConvention.class, () -> new DefaultTaskAttemptObservationConvention() {
			})
			.run((context) -> assertThat(context).hasSingleBean(TaskTracing.class)
				.getBean(TaskTracing.class)
				.isInstanceOf(ObservedTaskTracing.class));
	}

	@Test
	void withoutMicrometerObservationNothingIsObserved() {
		this.runner.withClassLoader(new FilteredClassLoader(ObservationRegistry.class))
			.run((context) -> assertThat(context).hasNotFailed().doesNotHaveBean(TaskTracing.class));
	}

	@Test
	void aTaskTracingBeanOfTheApplicationReplacesTheDefault() {
		this.runner.withBean(TaskTracing.class, () -> TaskTracing.NONE)
			.run((context) -> assertThat(context).getBean(TaskTracing.class).isSameAs(TaskTracing.NONE));
	}

	@Test
	void defaultsStartTheEngineWithItsClientSectionsAndOperations() {
		this.runner.run((context) -> {
			assertThat(context).hasSingleBean(TaskClient.class)
				.hasSingleBean(TaskEngine.class)
				.hasSingleBean(MemberDirectory.class)
				.hasSingleBean(TaskMetrics.class)
				.hasSingleBean(InstancesStatusSection.class)
				.hasBean(STATUS_SECTION)
				.hasBean(MEMBER_EPHEMERALS)
				.hasBean(DISCOVERY_METADATA);
			assertThat(context.getBeansOfType(AdminOperation.class)).containsOnlyKeys("zkWorkflowTaskRetryOperation",
					"zkWorkflowTaskPurgeOperation", "zkWorkflowTaskCancelOperation",
					"zkWorkflowTaskRetryDeadLettersOperation", "zkWorkflowTaskDeleteDeadLettersOperation",
					"zkWorkflowTaskPurgeDeadLettersOperation");
			assertThat(context).hasBean("zkWorkflowTaskDetailView");
		});
	}

	@Test
	void backsOffWhenTasksAreDisabled() {
		this.runner.withPropertyValues("zk-workflow.tasks.enabled=false")
			.run((context) -> assertThat(context).hasSingleBean(ZkRoot.class)
				.doesNotHaveBean(TaskClient.class)
				.doesNotHaveBean(TaskEngine.class)
				.doesNotHaveBean(STATUS_SECTION));
	}

	@Test
	void backsOffWhenZkWorkflowIsDisabled() {
		this.runner.withPropertyValues("zk-workflow.enabled=false")
			.run((context) -> assertThat(context).hasNotFailed()
				.doesNotHaveBean(TaskClient.class)
				.doesNotHaveBean(TaskEngine.class));
	}

	@Test
	void noMetricsWithoutMicrometer() {
		this.runner.withClassLoader(new FilteredClassLoader(MeterRegistry.class))
			.run((context) -> assertThat(context).hasSingleBean(TaskEngine.class).doesNotHaveBean(TaskMetrics.class));
	}

	@Test
	void noInstancesSectionOrDiscoveryMetadataWithoutSpringCloudZookeeperDiscovery() {
		this.runner.withClassLoader(new FilteredClassLoader(ZookeeperDiscoveryProperties.class))
			.run((context) -> assertThat(context).hasSingleBean(TaskEngine.class)
				.doesNotHaveBean(InstancesStatusSection.class)
				.doesNotHaveBean(DISCOVERY_METADATA));
	}

	@Test
	void theMemberNodeIsCountedOnlyInTheCoresBudget() {
		// the application's own root without zk-workflow's core: the engine keeps a budget of its own
		this.runner.withPropertyValues("zk-workflow.enabled=false")
			.withBean(ZkRoot.class, "/own-root")
			.run((context) -> assertThat(context).hasSingleBean(TaskEngine.class)
				.doesNotHaveBean(EphemeralBudget.class)
				.doesNotHaveBean(MEMBER_EPHEMERALS));
	}

	@Test
	void theStatusSectionNeedsZkWorkflowsOwnClient() {
		this.runner.withBean("usersTaskClient", TaskClient.class, RefusingTaskClient::new)
			.run((context) -> assertThat(context).hasNotFailed()
				.doesNotHaveBean(ZkTaskClient.class)
				.doesNotHaveBean(STATUS_SECTION)
				.hasSingleBean(TaskEngine.class));
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("usersOwnBeans")
	void backsOffToTheApplicationsOwnBean(UserBean bean) {
		bean.assertUsedBy(this.runner);
	}

	static Stream<UserBean> usersOwnBeans() {
		return Stream.of(UserBean.built(TaskHandlerRegistry.class), UserBean.built(WorkflowTaskMethodProcessor.class),
				UserBean.built(TaskPaths.class), UserBean.built(TaskCodec.class),
				UserBean.built(MemberDirectory.class, "users-member"),
				UserBean.named(MEMBER_EPHEMERALS, new StandingEphemerals(EphemeralBudget.withDefaults())),
				UserBean.supplied(TaskClient.class, RefusingTaskClient::new),
				UserBean.configured(TaskEngine.class, UsersEngineConfiguration.class),
				UserBean.built(TaskActivity.class), UserBean.named(STATUS_SECTION, new UsersSection()),
				UserBean.named("zkWorkflowTaskRetryOperation", new UsersOperation("retry")),
				UserBean.named("zkWorkflowTaskPurgeOperation", new UsersOperation("purge")),
				UserBean.named("zkWorkflowTaskCancelOperation", new UsersOperation("cancel")),
				UserBean.supplied(TaskMetrics.class, () -> TaskMetrics.NONE),
				UserBean.built(InstancesStatusSection.class),
				UserBean.named(DISCOVERY_METADATA, (SmartInitializingSingleton) () -> {
				}));
	}

	@Configuration(proxyBeanMethods = false)
	static class UsersEngineConfiguration {

		@Bean
		TaskEngine usersTaskEngine(CuratorFramework curator, TaskPaths paths, TaskCodec codec,
				ApplicationEventPublisher events, TaskHandlerRegistry registry, MemberDirectory members) {
			return new TaskEngine(curator, paths, codec, TaskAutoConfiguration.settings(new TaskProperties()),
					TaskMetrics.NONE, TaskTracing.NONE, events, List.of(), List.of(), registry, members, EphemeralBudget.withDefaults(),
					List.of());
		}

	}

	static final class UsersSection implements StatusSection {

		@Override
		public String sectionName() {
			return "users-tasks";
		}

		@Override
		public Object snapshot() {
			return "own";
		}

	}

	record UsersOperation(String name) implements AdminOperation {

		@Override
		public String section() {
			return "users-tasks";
		}

		@Override
		public Object invoke(java.util.Map<String, String> arguments) {
			return this.name;
		}

	}

}

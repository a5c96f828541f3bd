package io.zkworkflow.autoconfigure.workflow;

import java.util.UUID;

import io.micrometer.core.instrument.MeterRegistry;
import io.zkworkflow.autoconfigure.task.TaskAutoConfiguration;
import io.zkworkflow.internal.AdminOperation;
import io.zkworkflow.internal.EphemeralBudget;
import io.zkworkflow.internal.ListingOperation;
import io.zkworkflow.internal.StatusView;
import io.zkworkflow.internal.ZkRoot;
import io.zkworkflow.internal.ZnodeNames;
import io.zkworkflow.task.TaskClient;
import io.zkworkflow.task.TaskDeclarations;
import io.zkworkflow.task.internal.MemberDirectory;
import io.zkworkflow.task.internal.TaskEngine;
import io.zkworkflow.workflow.ScheduleClient;
import io.zkworkflow.workflow.WorkflowClient;
import io.zkworkflow.workflow.WorkflowDefinition;
import io.zkworkflow.workflow.internal.MicrometerWorkflowMetrics;
import io.zkworkflow.workflow.internal.WorkflowObserver;
import io.zkworkflow.workflow.ScheduleFireObservationConvention;
import io.zkworkflow.workflow.WorkflowEndObservationConvention;
import io.zkworkflow.workflow.WorkflowStartObservationConvention;
import io.zkworkflow.workflow.WorkflowStepObservationConvention;
import io.micrometer.observation.ObservationRegistry;
import io.zkworkflow.workflow.internal.RuntimeSchedules;
import io.zkworkflow.workflow.internal.ScheduleAdminOperations;
import io.zkworkflow.workflow.internal.ScheduleFirer;
import io.zkworkflow.workflow.internal.SignalAdminOperation;
import io.zkworkflow.workflow.internal.ChildEndTask;
import io.zkworkflow.workflow.internal.DeadStepRelayTask;
import io.zkworkflow.workflow.internal.SignalRelayTask;
import io.zkworkflow.workflow.internal.SleepTask;
import io.zkworkflow.workflow.internal.ScheduleRegistry;
import io.zkworkflow.workflow.internal.ScheduleStatusSection;
import io.zkworkflow.workflow.internal.WorkflowCodec;
import io.zkworkflow.workflow.internal.WorkflowEventRelay;
import io.zkworkflow.workflow.internal.WorkflowListing;
import io.zkworkflow.workflow.internal.WorkflowMetrics;
import io.zkworkflow.workflow.internal.WorkflowPaths;
import io.zkworkflow.workflow.internal.WorkflowRegistry;
import io.zkworkflow.workflow.internal.WorkflowConsoleViews;
import io.zkworkflow.workflow.internal.WorkflowStatusSection;
import io.zkworkflow.workflow.internal.WorkflowStore;
import io.zkworkflow.workflow.internal.WorkflowSweeper;
import io.zkworkflow.workflow.internal.WorkflowTransitions;
import io.zkworkflow.workflow.internal.WorkflowVersions;
import io.zkworkflow.workflow.internal.ZkScheduleClient;
import io.zkworkflow.workflow.internal.ZkWorkflowClient;
import org.apache.curator.framework.CuratorFramework;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;

/**
 * Workflows and cron schedules on the task engine: the {@link WorkflowClient}, the step
 * transitions joined to task completions, the coordinator duties that sweep workflows and
 * fire schedules, metrics and the {@code workflows} and {@code schedules} status sections.
 */
@AutoConfiguration(after = TaskAutoConfiguration.class)
@ConditionalOnBean({ CuratorFramework.class, ZkRoot.class, TaskClient.class })
@ConditionalOnBooleanProperty(name = "zk-workflow.workflows.enabled", matchIfMissing = true)
@EnableConfigurationProperties({ WorkflowProperties.class, ScheduleProperties.class })
public final class WorkflowAutoConfiguration {

	/** The handler of {@code sleep(Duration)} steps, needed wherever workflows run. */
	@Bean
	@ConditionalOnMissingBean
	SleepTask zkWorkflowSleepTask() {
		return new SleepTask();
	}

	/** The task that completes {@code thenWorkflow} steps when their child ends. */
	@Bean
	@ConditionalOnMissingBean
	ChildEndTask zkWorkflowChildEndTask(WorkflowStore store) {
		return new ChildEndTask(store);
	}

	/** The task that hands a signal to an instance that declares the workflow's version. */
	@Bean
	@ConditionalOnMissingBean
	SignalRelayTask zkWorkflowSignalRelayTask(WorkflowClient client) {
		return new SignalRelayTask(client);
	}

	@Bean
	@ConditionalOnMissingBean
	WorkflowPaths zkWorkflowWorkflowPaths(ZkRoot root) {
		return new WorkflowPaths(root);
	}

	@Bean
	@ConditionalOnMissingBean
	WorkflowCodec zkWorkflowWorkflowCodec(ObjectProvider<JsonMapper> jsonMapper) {
		return new WorkflowCodec(jsonMapper.getIfUnique(() -> JsonMapper.builder().build()));
	}

	@Bean
	@ConditionalOnMissingBean
	WorkflowRegistry zkWorkflowWorkflowRegistry(ObjectProvider<WorkflowDefinition> definitions,
			ObjectProvider<TaskDeclarations> handlers, WorkflowProperties properties) {
		return new WorkflowRegistry(definitions.orderedStream().toList(), handlers.getIfAvailable(),
				properties.isValidateHandlers());
	}

	@Bean
	@ConditionalOnMissingBean
	WorkflowEventRelay zkWorkflowWorkflowEventRelay(ApplicationEventPublisher events,
			ObjectProvider<WorkflowMetrics> metrics) {
		return new WorkflowEventRelay(events, metrics.getIfAvailable(() -> WorkflowMetrics.NONE));
	}

	@Bean
	@ConditionalOnMissingBean
	WorkflowStore zkWorkflowWorkflowStore(CuratorFramework curator, WorkflowPaths paths, WorkflowCodec codec,
			WorkflowRegistry registry, TaskClient tasks, WorkflowProperties properties, WorkflowEventRelay relay) {
		return new WorkflowStore(curator, paths, codec, registry, tasks, properties.getMaxOutput().toBytes(), relay);
	}

	/**
	 * The sweeper, the schedule firer and the {@code workflows} section read this client; they
	 * back off with it when the application defines its own {@link WorkflowClient}.
	 */
	@Bean
	@ConditionalOnMissingBean(WorkflowClient.class)
	ZkWorkflowClient zkWorkflowWorkflowClient(WorkflowStore store, TaskClient tasks,
			ObjectProvider<WorkflowMetrics> metrics, WorkflowProperties properties) {
		return new ZkWorkflowClient(store, tasks, metrics.getIfAvailable(() -> WorkflowMetrics.NONE),
				properties.getMaxOutput().toBytes(), properties.getRetention());
	}

	@Bean
	@ConditionalOnMissingBean
	WorkflowTransitions zkWorkflowWorkflowTransitions(WorkflowStore store, TaskClient tasks) {
		return new WorkflowTransitions(store, tasks);
	}

	/** The task that fails a step on its version when the coordinator, of another one, dead-lettered it. */
	@Bean
	@ConditionalOnMissingBean
	DeadStepRelayTask zkWorkflowDeadStepRelayTask(WorkflowTransitions transitions, WorkflowStore store) {
		return new DeadStepRelayTask(transitions, store);
	}

	/** Advertises this instance's definition versions and keeps other versions' tasks off it. */
	@Bean
	@ConditionalOnMissingBean
	WorkflowVersions zkWorkflowWorkflowVersions(CuratorFramework curator, WorkflowPaths paths,
			WorkflowRegistry registry, ObjectProvider<MemberDirectory> members, ObjectProvider<EphemeralBudget> budget) {
		MemberDirectory directory = members.getIfAvailable();
		String instanceId = (directory != null) ? directory.instanceId()
				: ZnodeNames.encodeKey("instance-" + UUID.randomUUID().toString().substring(0, 8));
		return new WorkflowVersions(curator, paths, registry, instanceId, budget.getIfAvailable());
	}

	@Bean
	@ConditionalOnMissingBean
	@ConditionalOnBean(ZkWorkflowClient.class)
	WorkflowSweeper zkWorkflowWorkflowSweeper(WorkflowStore store, TaskClient tasks, ZkWorkflowClient client,
			WorkflowProperties properties) {
		return new WorkflowSweeper(store, tasks, client, properties.getRetention(), properties.getSweepInterval());
	}

	@Bean
	@ConditionalOnMissingBean(name = "zkWorkflowWorkflowListing")
	ListingOperation zkWorkflowWorkflowListing(WorkflowClient client) {
		return new WorkflowListing(client);
	}

	@Bean
	@ConditionalOnMissingBean(name = "zkWorkflowWorkflowStatusSection")
	@ConditionalOnBean(ZkWorkflowClient.class)
	WorkflowStatusSection zkWorkflowWorkflowStatusSection(WorkflowStore store, ZkWorkflowClient client) {
		return new WorkflowStatusSection(store, client);
	}

	@Bean
	@ConditionalOnMissingBean(name = "zkWorkflowWorkflowDetailView")
	StatusView zkWorkflowWorkflowDetailView(WorkflowClient client) {
		return WorkflowConsoleViews.detail(client);
	}

	@Bean
	@ConditionalOnMissingBean(name = "zkWorkflowWorkflowCancelOperation")
	AdminOperation zkWorkflowWorkflowCancelOperation(WorkflowClient client) {
		return WorkflowConsoleViews.cancel(client);
	}

	@Bean
	@ConditionalOnMissingBean
	ScheduleRegistry zkWorkflowScheduleRegistry(ObjectProvider<TaskDeclarations> handlers,
			WorkflowRegistry workflows, Environment environment, ObjectProvider<RuntimeSchedules> runtime) {
		return new ScheduleRegistry(handlers.getIfAvailable(), workflows, environment, runtime.getIfAvailable());
	}

	@Bean
	@ConditionalOnMissingBean
	RuntimeSchedules zkWorkflowRuntimeSchedules(WorkflowStore store, ObjectProvider<TaskDeclarations> handlers,
			WorkflowProperties properties) {
		return new RuntimeSchedules(store, handlers.getIfAvailable(), properties.getMaxOutput().toBytes());
	}

	@Bean
	@ConditionalOnMissingBean
	@ConditionalOnBooleanProperty(name = "zk-workflow.schedules.enabled", matchIfMissing = true)
	@ConditionalOnBean(ZkWorkflowClient.class)
	ScheduleFirer zkWorkflowScheduleFirer(ScheduleRegistry schedules, WorkflowStore store, TaskClient tasks,
			ZkWorkflowClient client, ScheduleProperties properties, ObjectProvider<TaskEngine> engine,
			ObjectProvider<WorkflowMetrics> metrics) {
		return new ScheduleFirer(schedules, store, tasks, client, properties.getMisfire(),
				properties.getMisfireThreshold(), () -> {
					TaskEngine taskEngine = engine.getIfAvailable();
					return taskEngine != null && taskEngine.isCoordinator();
				}, metrics.getIfAvailable(() -> WorkflowMetrics.NONE));
	}

	@Bean
	@ConditionalOnMissingBean(ScheduleClient.class)
	ZkScheduleClient zkWorkflowScheduleClient(ScheduleRegistry schedules, WorkflowStore store, TaskClient tasks,
			WorkflowClient workflows) {
		return new ZkScheduleClient(schedules, store, tasks, workflows);
	}

	@Bean
	@ConditionalOnMissingBean(name = "zkWorkflowSchedulePauseOperation")
	AdminOperation zkWorkflowSchedulePauseOperation(ScheduleClient client) {
		return ScheduleAdminOperations.pause(client);
	}

	@Bean
	@ConditionalOnMissingBean(name = "zkWorkflowScheduleResumeOperation")
	AdminOperation zkWorkflowScheduleResumeOperation(ScheduleClient client) {
		return ScheduleAdminOperations.resume(client);
	}

	@Bean
	@ConditionalOnMissingBean(name = "zkWorkflowScheduleTriggerOperation")
	AdminOperation zkWorkflowScheduleTriggerOperation(ScheduleClient client) {
		return ScheduleAdminOperations.trigger(client);
	}

	@Bean
	@ConditionalOnMissingBean(name = "zkWorkflowSignalOperation")
	AdminOperation zkWorkflowSignalOperation(WorkflowClient client, WorkflowCodec codec) {
		return new SignalAdminOperation(client, codec.application());
	}

	@Bean
	@ConditionalOnMissingBean(name = "zkWorkflowScheduleStatusSection")
	ScheduleStatusSection zkWorkflowScheduleStatusSection(ScheduleRegistry schedules, WorkflowStore store,
			ScheduleProperties properties) {
		return new ScheduleStatusSection(schedules, store, properties.getMisfire());
	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass(MeterRegistry.class)
	static class WorkflowMetricsConfiguration {

		@Bean
		@ConditionalOnMissingBean
		WorkflowMetrics zkWorkflowWorkflowMetrics(ObjectProvider<MeterRegistry> registry,
				ObjectProvider<ObservationRegistry> observations,
				ObjectProvider<WorkflowStartObservationConvention> startConvention,
				ObjectProvider<WorkflowStepObservationConvention> stepConvention,
				ObjectProvider<WorkflowEndObservationConvention> endConvention,
				ObjectProvider<ScheduleFireObservationConvention> fireConvention) {
			MeterRegistry meterRegistry = registry.getIfUnique();
			ObservationRegistry observationRegistry = observations.getIfUnique();
			WorkflowObserver observer = (observationRegistry != null)
					? new WorkflowObserver(observationRegistry, startConvention.getIfUnique(),
							stepConvention.getIfUnique(), endConvention.getIfUnique(), fireConvention.getIfUnique())
					: null;
			return (meterRegistry != null || observer != null) ? new MicrometerWorkflowMetrics(meterRegistry, observer)
					: WorkflowMetrics.NONE;
		}

	}

}

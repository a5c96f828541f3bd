package io.zkworkflow.autoconfigure.task;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.stream.Collectors;

import io.micrometer.core.instrument.MeterRegistry;
import io.zkworkflow.autoconfigure.ZkWorkflowAutoConfiguration;
import io.zkworkflow.internal.EphemeralBudget;
import io.zkworkflow.internal.StandingEphemerals;
import io.zkworkflow.internal.StatusView;
import io.zkworkflow.internal.ZkRoot;
import io.zkworkflow.internal.ZnodeNames;
import io.zkworkflow.task.CoordinatorDuty;
import io.zkworkflow.task.TaskClient;
import io.zkworkflow.task.TaskAdmission;
import io.zkworkflow.task.TaskCompletionContributor;
import io.zkworkflow.task.internal.InstancesStatusSection;
import io.zkworkflow.task.internal.MemberDirectory;
import io.zkworkflow.task.internal.MicrometerTaskMetrics;
import io.zkworkflow.task.internal.TaskActivity;
import io.zkworkflow.task.internal.TaskCodec;
import io.zkworkflow.task.internal.TaskDetailReader;
import io.zkworkflow.task.internal.TaskEngine;
import io.zkworkflow.task.internal.TaskEngineSettings;
import io.zkworkflow.task.internal.TaskRateLimit;
import io.zkworkflow.task.internal.TaskHandlerRegistry;
import io.zkworkflow.task.internal.TaskMetrics;
import io.zkworkflow.task.internal.TaskTracing;
import io.zkworkflow.task.internal.ObservedTaskTracing;
import io.zkworkflow.task.TaskAttemptObservationConvention;
import io.zkworkflow.task.TaskClaimObservationConvention;
import io.zkworkflow.task.TaskSubmitObservationConvention;
import io.micrometer.observation.ObservationRegistry;
import io.zkworkflow.task.internal.TaskPaths;
import io.zkworkflow.task.internal.TaskStatusSection;
import io.zkworkflow.task.internal.TaskThreads;
import io.zkworkflow.task.internal.WorkflowTaskMethodProcessor;
import io.zkworkflow.task.internal.ZkTaskClient;
import org.apache.curator.framework.CuratorFramework;
import org.apache.curator.utils.ZKPaths;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.context.LifecycleProperties;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.jackson.autoconfigure.JacksonAutoConfiguration;
import org.springframework.boot.task.SimpleAsyncTaskExecutorBuilder;
import org.springframework.boot.task.ThreadPoolTaskSchedulerBuilder;
import org.springframework.cloud.client.discovery.DiscoveryClient;
import org.springframework.cloud.zookeeper.discovery.ZookeeperDiscoveryProperties;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.core.task.SimpleAsyncTaskExecutor;
import org.springframework.core.task.TaskDecorator;
import org.springframework.core.task.TaskExecutor;
import org.springframework.scheduling.concurrent.ThreadPoolTaskScheduler;

/**
 * Durable tasks: the {@link TaskClient}, the workers of the application's
 * {@code @WorkflowTask} methods, the coordinator election, the member node, metrics and the
 * {@code tasks} status section.
 */
@AutoConfiguration(after = { ZkWorkflowAutoConfiguration.class, JacksonAutoConfiguration.class })
@ConditionalOnBean({ CuratorFramework.class, ZkRoot.class })
@ConditionalOnBooleanProperty(name = "zk-workflow.tasks.enabled", matchIfMissing = true)
@EnableConfigurationProperties(TaskProperties.class)
@Import(TaskConsoleConfiguration.class)
public final class TaskAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean
	static TaskHandlerRegistry zkWorkflowTaskHandlerRegistry() {
		return new TaskHandlerRegistry();
	}

	@Bean
	@ConditionalOnMissingBean
	static WorkflowTaskMethodProcessor zkWorkflowTaskMethodProcessor(ObjectProvider<TaskHandlerRegistry> registry) {
		return new WorkflowTaskMethodProcessor(registry.getObject());
	}

	@Bean
	@ConditionalOnMissingBean
	TaskPaths zkWorkflowTaskPaths(ZkRoot root) {
		return new TaskPaths(root);
	}

	@Bean
	@ConditionalOnMissingBean
	TaskCodec zkWorkflowTaskCodec(ObjectProvider<JsonMapper> jsonMapper) {
		return new TaskCodec(jsonMapper.getIfUnique(() -> JsonMapper.builder().build()));
	}

	@Bean
	@ConditionalOnMissingBean
	MemberDirectory zkWorkflowTaskMembers(CuratorFramework curator, TaskPaths paths, TaskCodec codec,
			Environment environment) {
		String application = environment.getProperty("spring.application.name", "application");
		String instanceId = ZnodeNames.encodeKey(application + "-" + UUID.randomUUID().toString().substring(0, 8));
		return new MemberDirectory(curator, paths, codec, instanceId);
	}

	/** The member node is an ephemeral of the instance's session: counted in its budget, never refused. */
	@Bean
	@ConditionalOnMissingBean(name = "zkWorkflowMemberEphemerals")
	@ConditionalOnBean(EphemeralBudget.class)
	StandingEphemerals zkWorkflowMemberEphemerals(EphemeralBudget budget, CuratorFramework curator, TaskPaths paths,
			MemberDirectory members) {
		String path = ZKPaths.makePath(paths.members(), members.instanceId());
		return new StandingEphemerals(budget).add(ZKPaths.fixForNamespace(curator.getNamespace(), path));
	}

	@Bean
	@ConditionalOnMissingBean(TaskClient.class)
	ZkTaskClient zkWorkflowTaskClient(CuratorFramework curator, TaskPaths paths, TaskCodec codec,
			TaskProperties properties, MemberDirectory members, ObjectProvider<TaskMetrics> metrics,
			ObjectProvider<TaskTracing> tracing) {
		return new ZkTaskClient(curator, paths, codec, settings(properties), members,
				metrics.getIfAvailable(() -> TaskMetrics.NONE), tracing.getIfAvailable(() -> TaskTracing.NONE));
	}

	@Bean
	@ConditionalOnMissingBean
	TaskEngine zkWorkflowTaskEngine(CuratorFramework curator, TaskPaths paths, TaskCodec codec,
			TaskProperties properties, ObjectProvider<TaskMetrics> metrics, ObjectProvider<TaskTracing> tracing,
			ApplicationEventPublisher events,
			ObjectProvider<TaskCompletionContributor> contributors, ObjectProvider<CoordinatorDuty> duties,
			TaskHandlerRegistry registry, MemberDirectory members, ObjectProvider<EphemeralBudget> budget,
			ObjectProvider<SimpleAsyncTaskExecutorBuilder> executorBuilder,
			ObjectProvider<ThreadPoolTaskSchedulerBuilder> schedulerBuilder, ObjectProvider<TaskDecorator> decorator,
			ObjectProvider<LifecycleProperties> lifecycle, ObjectProvider<TaskAdmission> admissions) {
		TaskThreads threads = threads(executorBuilder.getIfAvailable(), schedulerBuilder.getIfAvailable(),
				decorator.getIfUnique());
		Duration shutdownTimeout = TaskShutdownTimeout.of(properties, lifecycle.getIfAvailable());
		return new TaskEngine(curator, paths, codec, settings(properties, threads, shutdownTimeout),
				metrics.getIfAvailable(() -> TaskMetrics.NONE), tracing.getIfAvailable(() -> TaskTracing.NONE), events,
				contributors.orderedStream().toList(),
				duties.orderedStream().toList(), registry, members, budget.getIfAvailable(EphemeralBudget::withDefaults),
				admissions.orderedStream().toList());
	}

	/** Reads zk-workflow's own client; none when the application replaced the {@link TaskClient}. */
	@Bean
	@ConditionalOnMissingBean(name = "zkWorkflowTaskStatusSection")
	@ConditionalOnBean(ZkTaskClient.class)
	TaskStatusSection zkWorkflowTaskStatusSection(CuratorFramework curator, TaskPaths paths, MemberDirectory members,
			ZkTaskClient client, ObjectProvider<TaskEngine> engine, TaskActivity activity) {
		return new TaskStatusSection(curator, paths, members, client, engine.getIfAvailable(), activity);
	}

	/** Reads zk-workflow's own znodes; none when the application replaced the {@link TaskClient}. */
	@Bean
	@ConditionalOnMissingBean(name = "zkWorkflowTaskDetailView")
	@ConditionalOnBean(ZkTaskClient.class)
	StatusView zkWorkflowTaskDetailView(CuratorFramework curator, TaskPaths paths, TaskCodec codec) {
		return TaskDetailReader.view(new TaskDetailReader(curator, paths, codec));
	}

	/** The engine's view of the properties, on zk-workflow's own platform threads. */
	static TaskEngineSettings settings(TaskProperties properties) {
		Duration shutdownTimeout = properties.getShutdownTimeout();
		return settings(properties, TaskThreads.PLATFORM,
				(shutdownTimeout != null) ? shutdownTimeout : TaskShutdownTimeout.FRAMEWORK_PHASE_TIMEOUT);
	}

	/** The engine's view of the properties: what it runs with, already range-checked by the binder. */
	static TaskEngineSettings settings(TaskProperties properties, TaskThreads threads, Duration shutdownTimeout) {
		return new TaskEngineSettings(properties.getShards(), properties.getMaxPayload(), properties.getMaxPending(),
				properties.getPendingCountRefresh(), properties.getRetention(), properties.getIdempotencyRetention(),
				shutdownTimeout, properties.getCoordinatorInterval(), properties.getStuckLeaseGrace(),
				properties.getMemberRefresh(), threads, fleetConcurrency(properties), fleetRates(properties));
	}

	private static Map<String, TaskRateLimit> fleetRates(TaskProperties properties) {
		Map<String, TaskRateLimit> rates = new LinkedHashMap<>();
		properties.getLimits().forEach((name, limit) -> {
			TaskRateLimit rate = limit.rateLimit();
			if (rate != null) {
				rates.put(name, rate);
			}
		});
		return rates;
	}

	private static Map<String, Integer> fleetConcurrency(TaskProperties properties) {
		Map<String, Integer> limits = new LinkedHashMap<>();
		properties.getLimits().forEach((name, limit) -> {
			Integer concurrency = limit.getConcurrency();
			if (concurrency != null) {
				limits.put(name, concurrency);
			}
		});
		return limits;
	}

	/**
	 * The engine's threads from Spring Boot's builders, where the application has them: handler
	 * threads are virtual when {@code spring.threads.virtual.enabled} is set (on Java 21 and
	 * later), and the application's {@link TaskDecorator} wraps each attempt rather than the
	 * long-lived claim loops, so the builders' own decorator and concurrency limit are cleared.
	 */
	static TaskThreads threads(@Nullable SimpleAsyncTaskExecutorBuilder executorBuilder,
			@Nullable ThreadPoolTaskSchedulerBuilder schedulerBuilder, @Nullable TaskDecorator decorator) {
		Function<String, TaskExecutor> handlers = TaskThreads.PLATFORM.handlers();
		if (executorBuilder != null) {
			SimpleAsyncTaskExecutorBuilder claimers = executorBuilder.taskDecorator(null)
				.concurrencyLimit(null)
				.rejectTasksWhenLimitReached(false);
			handlers = (prefix) -> {
				SimpleAsyncTaskExecutor executor = claimers.threadNamePrefix(prefix).build();
				executor.setDaemon(true);
				return executor;
			};
		}
		// a pooled scheduler, never Boot's virtual-thread one: the coordinator's thread keeps a
		// worker-only application alive, which a virtual thread (always a daemon) cannot
		Supplier<ThreadPoolTaskScheduler> coordinator = (schedulerBuilder != null)
				? () -> schedulerBuilder.taskDecorator(null).build() : TaskThreads.PLATFORM.coordinator();
		return new TaskThreads(handlers, (decorator != null) ? decorator : TaskThreads.PLATFORM.decorator(),
				coordinator);
	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass(MeterRegistry.class)
	static class TaskMetricsConfiguration {

		@Bean
		@ConditionalOnMissingBean
		TaskMetrics zkWorkflowTaskMetrics(ObjectProvider<MeterRegistry> registry) {
			MeterRegistry meterRegistry = registry.getIfUnique();
			return (meterRegistry != null) ? new MicrometerTaskMetrics(meterRegistry) : TaskMetrics.NONE;
		}

	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass(ObservationRegistry.class)
	static class TaskObservationConfiguration {

		@Bean
		@ConditionalOnMissingBean
		TaskTracing zkWorkflowTaskTracing(ObjectProvider<ObservationRegistry> registry,
				ObjectProvider<TaskSubmitObservationConvention> submitConvention,
				ObjectProvider<TaskAttemptObservationConvention> attemptConvention,
				ObjectProvider<TaskClaimObservationConvention> claimConvention) {
			return new ObservedTaskTracing(registry.getIfUnique(), submitConvention.getIfUnique(),
					attemptConvention.getIfUnique(), claimConvention.getIfUnique());
		}

	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass(ZookeeperDiscoveryProperties.class)
	static class TaskDiscoveryMetadataConfiguration {

		/** Metadata key listing the task names this instance serves. */
		static final String METADATA_KEY = "zk-workflow.tasks";

		@Bean
		@ConditionalOnMissingBean
		InstancesStatusSection zkWorkflowInstancesStatusSection(ObjectProvider<DiscoveryClient> discovery,
				MemberDirectory members) {
			return new InstancesStatusSection(discovery, members);
		}

		@Bean
		@ConditionalOnMissingBean(name = "zkWorkflowTaskDiscoveryMetadata")
		SmartInitializingSingleton zkWorkflowTaskDiscoveryMetadata(ObjectProvider<ZookeeperDiscoveryProperties> discovery,
				TaskHandlerRegistry registry, MemberDirectory members) {
			return () -> discovery.ifAvailable((properties) -> {
				properties.getMetadata().put(InstancesStatusSection.MEMBER_METADATA_KEY, members.instanceId());
				String served = registry.all()
					.stream()
					.map((definition) -> definition.name() + ":" + definition.concurrency())
					.sorted()
					.collect(Collectors.joining(","));
				if (!served.isEmpty()) {
					properties.getMetadata().put(METADATA_KEY, served);
				}
			});
		}

	}

}

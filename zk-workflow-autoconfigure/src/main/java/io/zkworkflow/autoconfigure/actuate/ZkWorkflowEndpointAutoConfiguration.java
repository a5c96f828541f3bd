package io.zkworkflow.autoconfigure.actuate;

import io.micrometer.observation.ObservationHandler;
import io.zkworkflow.actuate.internal.AttemptJournal;
import io.zkworkflow.actuate.internal.AttemptJournalViews;
import io.zkworkflow.actuate.internal.EndpointValueDisclosure;
import io.zkworkflow.actuate.internal.EphemeralBudgetStatusSection;
import io.zkworkflow.actuate.internal.SessionStatusSection;
import io.zkworkflow.actuate.internal.ZkWorkflowEndpoint;
import io.zkworkflow.autoconfigure.ZkWorkflowAutoConfiguration;
import io.zkworkflow.autoconfigure.task.TaskAutoConfiguration;
import io.zkworkflow.internal.AdminOperation;
import io.zkworkflow.internal.ListingOperation;
import io.zkworkflow.internal.AdminOperationsPolicy;
import io.zkworkflow.internal.EphemeralBudget;
import io.zkworkflow.internal.StatusSection;
import io.zkworkflow.internal.StatusView;
import io.zkworkflow.internal.ZkRoot;
import io.zkworkflow.task.internal.MemberDirectory;
import org.apache.curator.framework.CuratorFramework;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.actuate.autoconfigure.endpoint.PropertiesEndpointAccessResolver;
import org.springframework.boot.actuate.autoconfigure.endpoint.condition.ConditionalOnAvailableEndpoint;
import org.springframework.boot.actuate.endpoint.Access;
import org.springframework.boot.actuate.endpoint.EndpointAccessResolver;
import org.springframework.boot.actuate.endpoint.EndpointId;
import org.springframework.boot.actuate.endpoint.SanitizingFunction;
import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.util.ClassUtils;

/**
 * The {@code zkworkflow} actuator endpoint, when the actuator is present and the endpoint is
 * exposed ({@code management.endpoints.web.exposure.include=zkworkflow}).
 */
@AutoConfiguration(after = { ZkWorkflowAutoConfiguration.class, TaskAutoConfiguration.class })
@ConditionalOnClass(Endpoint.class)
@ConditionalOnBean({ CuratorFramework.class, ZkRoot.class })
@ConditionalOnAvailableEndpoint(ZkWorkflowEndpoint.class)
@EnableConfigurationProperties({ ZkWorkflowActuatorProperties.class, ZkWorkflowEndpointProperties.class })
public final class ZkWorkflowEndpointAutoConfiguration {

	private static final String SPRING_SECURITY = "org.springframework.security.core.context.SecurityContextHolder";

	@Bean
	@ConditionalOnMissingBean
	AdminOperationsPolicy zkWorkflowAdminOperationsPolicy(ZkWorkflowActuatorProperties properties,
			ObjectProvider<EndpointAccessResolver> accessResolver, Environment environment) {
		boolean securityPresent = ClassUtils.isPresent(SPRING_SECURITY, getClass().getClassLoader());
		// write operations follow Spring Boot's access model for this endpoint
		// (management.endpoint.zkworkflow.access), read-only unless the application says otherwise
		EndpointAccessResolver resolver = accessResolver
			.getIfAvailable(() -> new PropertiesEndpointAccessResolver(environment));
		Access access = resolver.accessFor(EndpointId.of(ZkWorkflowEndpoint.ID), ZkWorkflowEndpoint.DEFAULT_ACCESS);
		return new AdminOperationsPolicy(access == Access.UNRESTRICTED, securityPresent, properties.getWriteRole());
	}

	@Bean
	@ConditionalOnMissingBean
	EndpointValueDisclosure zkWorkflowEndpointValueDisclosure(ZkWorkflowEndpointProperties properties,
			ObjectProvider<SanitizingFunction> sanitizingFunctions) {
		return new EndpointValueDisclosure(properties.getShowValues(), properties.getRoles(),
				sanitizingFunctions.orderedStream().toList());
	}

	@Bean
	@ConditionalOnMissingBean
	ZkWorkflowEndpoint zkWorkflowEndpoint(ObjectProvider<StatusSection> sections, ObjectProvider<StatusView> views,
			ObjectProvider<AdminOperation> operations, AdminOperationsPolicy policy,
			EndpointValueDisclosure disclosure, ObjectProvider<ListingOperation> listings) {
		return new ZkWorkflowEndpoint(sections.orderedStream().toList(), views.orderedStream().toList(),
				operations.orderedStream().toList(), policy, disclosure, listings.orderedStream().toList());
	}

	@Bean
	@ConditionalOnMissingBean
	SessionStatusSection zkWorkflowSessionStatusSection(CuratorFramework curator, ZkRoot root,
			Environment environment) {
		return new SessionStatusSection(curator, root, EmbeddedServer.connectString(environment));
	}

	@Bean
	@ConditionalOnMissingBean
	@ConditionalOnBean(EphemeralBudget.class)
	EphemeralBudgetStatusSection zkWorkflowEphemeralBudgetStatusSection(EphemeralBudget budget) {
		return new EphemeralBudgetStatusSection(budget);
	}

	/**
	 * The count per minute of the attempts this instance ran, fed by the task attempt
	 * observation (Boot registers ObservationHandler beans with its ObservationRegistry).
	 */
	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass(ObservationHandler.class)
	@ConditionalOnBean(MemberDirectory.class)
	static class AttemptJournalConfiguration {

		@Bean
		@ConditionalOnMissingBean
		AttemptJournal zkWorkflowAttemptJournal(MemberDirectory members) {
			return new AttemptJournal(members::instanceId);
		}

		@Bean
		@ConditionalOnMissingBean(name = "zkWorkflowTaskThroughputView")
		StatusView zkWorkflowTaskThroughputView(AttemptJournal journal) {
			return AttemptJournalViews.throughput(journal);
		}

	}

}

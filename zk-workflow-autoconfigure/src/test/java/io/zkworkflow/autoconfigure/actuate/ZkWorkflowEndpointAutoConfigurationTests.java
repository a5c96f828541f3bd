package io.zkworkflow.autoconfigure.actuate;

import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

import io.zkworkflow.actuate.internal.AttemptJournal;
import io.zkworkflow.actuate.internal.EndpointValueDisclosure;
import io.zkworkflow.actuate.internal.EphemeralBudgetStatusSection;
import io.zkworkflow.actuate.internal.SessionStatusSection;
import io.zkworkflow.actuate.internal.ZkWorkflowEndpoint;
import io.zkworkflow.autoconfigure.ZooKeeperContexts;
import io.zkworkflow.autoconfigure.ZooKeeperContexts.UserBean;
import io.zkworkflow.autoconfigure.task.TaskAutoConfiguration;
import io.zkworkflow.internal.AdminOperationsPolicy;
import io.zkworkflow.internal.EphemeralBudget;
import io.zkworkflow.internal.StatusView;
import io.zkworkflow.internal.ZkRoot;
import io.zkworkflow.test.ZooKeeperServerExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import org.springframework.boot.actuate.endpoint.Show;
import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.jackson.autoconfigure.JacksonAutoConfiguration;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Conditions of {@link ZkWorkflowEndpointAutoConfiguration}.
 */
class ZkWorkflowEndpointAutoConfigurationTests {

	@RegisterExtension
	static final ZooKeeperServerExtension zookeeper = new ZooKeeperServerExtension();

	private final ApplicationContextRunner runner = ZooKeeperContexts.runner(zookeeper,
			ZkWorkflowEndpointAutoConfiguration.class);

	private final ApplicationContextRunner exposed = this.runner
		.withPropertyValues("management.endpoints.web.exposure.include=zkworkflow");

	@Test
	void exposedEndpointComesWithItsSections() {
		this.exposed.run((context) -> assertThat(context).hasSingleBean(ZkWorkflowEndpoint.class)
			.hasSingleBean(AdminOperationsPolicy.class)
			.hasSingleBean(EndpointValueDisclosure.class)
			.hasSingleBean(SessionStatusSection.class)
			.hasSingleBean(EphemeralBudgetStatusSection.class));
	}

	@Test
	void endpointIsAbsentUnlessExposed() {
		this.runner.run((context) -> assertThat(context).hasSingleBean(ZkRoot.class)
			.doesNotHaveBean(ZkWorkflowEndpoint.class)
			.doesNotHaveBean(SessionStatusSection.class));
	}

	@Test
	void endpointIsAbsentWhenItsAccessIsNone() {
		this.exposed.withPropertyValues("management.endpoint.zkworkflow.access=none")
			.run((context) -> assertThat(context).hasSingleBean(ZkRoot.class)
				.doesNotHaveBean(ZkWorkflowEndpoint.class));
	}

	@Test
	void endpointIsAbsentWithoutTheActuator() {
		this.exposed.withClassLoader(new FilteredClassLoader(Endpoint.class))
			.run((context) -> assertThat(context).hasNotFailed().doesNotHaveBean(ZkWorkflowEndpoint.class));
	}

	@Test
	void endpointIsAbsentWhenZkWorkflowIsDisabled() {
		this.exposed.withPropertyValues("zk-workflow.enabled=false")
			.run((context) -> assertThat(context).hasNotFailed()
				.doesNotHaveBean(ZkRoot.class)
				.doesNotHaveBean(ZkWorkflowEndpoint.class));
	}

	@Test
	void noBudgetSectionWithoutTheBudget() {
		// the application's own root without zk-workflow's core: no ephemeral budget to show
		this.exposed.withPropertyValues("zk-workflow.enabled=false")
			.withBean(ZkRoot.class, "/own-root")
			.run((context) -> assertThat(context).hasSingleBean(ZkWorkflowEndpoint.class)
				.hasSingleBean(SessionStatusSection.class)
				.doesNotHaveBean(EphemeralBudget.class)
				.doesNotHaveBean(EphemeralBudgetStatusSection.class));
	}

	@Test
	void theAttemptJournalAndItsViewsComeWithTheTaskEngine() {
		this.exposed.withConfiguration(AutoConfigurations.of(JacksonAutoConfiguration.class, TaskAutoConfiguration.class))
			.run((context) -> {
				assertThat(context).hasSingleBean(AttemptJournal.class);
				assertThat(context.getBeansOfType(StatusView.class)).containsKeys("zkWorkflowTaskThroughputView",
						"zkWorkflowTaskDetailView")
					.doesNotContainKey("zkWorkflowTaskAttemptsView");
			});
	}

	@Test
	void theAttemptJournalIsAbsentWithoutTasks() {
		this.exposed.run((context) -> assertThat(context).hasSingleBean(ZkWorkflowEndpoint.class)
			.doesNotHaveBean(AttemptJournal.class));
	}

	@Test
	void theAttemptJournalBacksOffToTheApplicationsOwn() {
		AttemptJournal own = new AttemptJournal(() -> "own");
		this.exposed.withConfiguration(AutoConfigurations.of(JacksonAutoConfiguration.class, TaskAutoConfiguration.class))
			.withBean("ownJournal", AttemptJournal.class, () -> own)
			.run((context) -> assertThat(context).getBean(AttemptJournal.class).isSameAs(own));
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("usersOwnBeans")
	void backsOffToTheApplicationsOwnBean(UserBean bean) {
		bean.assertUsedBy(this.exposed);
	}

	static Stream<UserBean> usersOwnBeans() {
		AdminOperationsPolicy policy = new AdminOperationsPolicy(false, false, "ZKWORKFLOW_ADMIN");
		EndpointValueDisclosure disclosure = new EndpointValueDisclosure(Show.NEVER, Set.of(), List.of());
		return Stream.of(UserBean.supplied(AdminOperationsPolicy.class, () -> policy),
				UserBean.supplied(EndpointValueDisclosure.class, () -> disclosure),
				UserBean.supplied(ZkWorkflowEndpoint.class,
						() -> new ZkWorkflowEndpoint(List.of(), List.of(), policy, disclosure)),
				UserBean.built(SessionStatusSection.class, "127.0.0.1:2181"),
				UserBean.built(EphemeralBudgetStatusSection.class));
	}

}

package io.zkworkflow.autoconfigure.dashboard;

import io.zkworkflow.autoconfigure.ZooKeeperContexts;
import io.zkworkflow.autoconfigure.actuate.ZkWorkflowEndpointAutoConfiguration;
import io.zkworkflow.dashboard.internal.DashboardWebConfigurer;
import io.zkworkflow.internal.ZkRoot;
import io.zkworkflow.test.ZooKeeperServerExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import org.springframework.boot.actuate.autoconfigure.endpoint.web.WebEndpointProperties;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.WebApplicationContextRunner;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;
import org.springframework.web.servlet.function.RequestPredicates;
import org.springframework.web.servlet.function.RouterFunction;
import org.springframework.web.servlet.function.RouterFunctions;
import org.springframework.web.servlet.function.ServerResponse;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Conditions of {@link DashboardAutoConfiguration}.
 */
class DashboardAutoConfigurationTests {

	private static final String SETTINGS_ROUTE = "zkWorkflowDashboardSettingsRoute";

	@RegisterExtension
	static final ZooKeeperServerExtension zookeeper = new ZooKeeperServerExtension();

	private final WebApplicationContextRunner runner = ZooKeeperContexts.webRunner(zookeeper,
			ZkWorkflowEndpointAutoConfiguration.class, DashboardAutoConfiguration.class);

	private final WebApplicationContextRunner enabled = this.runner
		.withPropertyValues("zk-workflow.dashboard.enabled=true");

	@Test
	void enabledDashboardServesItsPageAndSettings() {
		this.enabled.run((context) -> assertThat(context).hasSingleBean(DashboardWebConfigurer.class)
			.hasBean(SETTINGS_ROUTE));
	}

	@Test
	void dashboardIsOffUnlessEnabled() {
		this.runner.run((context) -> assertThat(context).hasSingleBean(ZkRoot.class)
			.doesNotHaveBean(DashboardWebConfigurer.class)
			.doesNotHaveBean(SETTINGS_ROUTE));
	}

	@Test
	void noDashboardOutsideAServletWebApplication() {
		ZooKeeperContexts.runner(zookeeper, ZkWorkflowEndpointAutoConfiguration.class, DashboardAutoConfiguration.class)
			.withPropertyValues("zk-workflow.dashboard.enabled=true")
			.run((context) -> assertThat(context).hasSingleBean(ZkRoot.class)
				.doesNotHaveBean(DashboardWebConfigurer.class)
				.doesNotHaveBean(SETTINGS_ROUTE));
	}

	@Test
	void noDashboardWithoutSpringMvc() {
		this.enabled.withClassLoader(new FilteredClassLoader(WebMvcConfigurer.class))
			.run((context) -> assertThat(context).hasNotFailed()
				.doesNotHaveBean(DashboardWebConfigurer.class)
				.doesNotHaveBean(SETTINGS_ROUTE));
	}

	@Test
	void noDashboardWithoutTheActuatorsWebEndpoints() {
		this.enabled.withClassLoader(new FilteredClassLoader(WebEndpointProperties.class))
			.run((context) -> assertThat(context).hasNotFailed()
				.doesNotHaveBean(DashboardWebConfigurer.class)
				.doesNotHaveBean(SETTINGS_ROUTE));
	}

	@Test
	void noDashboardWhenZkWorkflowIsDisabled() {
		this.enabled.withPropertyValues("zk-workflow.enabled=false")
			.run((context) -> assertThat(context).hasNotFailed()
				.doesNotHaveBean(DashboardWebConfigurer.class)
				.doesNotHaveBean(SETTINGS_ROUTE));
	}

	@Test
	void backsOffToTheApplicationsOwnWebConfigurer() {
		this.enabled.withBean("usersDashboard", DashboardWebConfigurer.class, "/ops")
			.run((context) -> assertThat(context.getBeanNamesForType(DashboardWebConfigurer.class))
				.containsExactly("usersDashboard"));
	}

	@Test
	void backsOffToTheApplicationsOwnSettingsRoute() {
		RouterFunction<ServerResponse> own = RouterFunctions.route(RequestPredicates.GET("/own"),
				(request) -> ServerResponse.ok().build());
		this.enabled.withBean(SETTINGS_ROUTE, RouterFunction.class, () -> own)
			.run((context) -> assertThat(context.getBean(SETTINGS_ROUTE)).isSameAs(own));
	}

}

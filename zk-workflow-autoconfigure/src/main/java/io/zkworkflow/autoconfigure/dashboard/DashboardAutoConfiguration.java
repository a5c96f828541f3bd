package io.zkworkflow.autoconfigure.dashboard;

import io.zkworkflow.autoconfigure.actuate.ZkWorkflowEndpointAutoConfiguration;
import io.zkworkflow.dashboard.internal.DashboardSettingsRoute;
import io.zkworkflow.dashboard.internal.DashboardWebConfigurer;
import io.zkworkflow.internal.AdminOperationsPolicy;
import io.zkworkflow.internal.ZkRoot;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.actuate.autoconfigure.endpoint.web.WebEndpointProperties;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;
import org.springframework.web.servlet.function.RouterFunction;
import org.springframework.web.servlet.function.ServerResponse;

/**
 * The operations dashboard at {@code zk-workflow.dashboard.path}, when
 * {@code zk-workflow.dashboard.enabled=true} in a Spring MVC application with the actuator.
 */
@AutoConfiguration(after = ZkWorkflowEndpointAutoConfiguration.class)
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
@ConditionalOnClass({ WebMvcConfigurer.class, WebEndpointProperties.class })
@ConditionalOnBean(ZkRoot.class)
@ConditionalOnBooleanProperty("zk-workflow.dashboard.enabled")
@EnableConfigurationProperties(DashboardProperties.class)
public final class DashboardAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean
	DashboardWebConfigurer zkWorkflowDashboardWebConfigurer(DashboardProperties properties) {
		return new DashboardWebConfigurer(properties.getPath());
	}

	@Bean
	@ConditionalOnMissingBean(name = "zkWorkflowDashboardSettingsRoute")
	RouterFunction<ServerResponse> zkWorkflowDashboardSettingsRoute(DashboardProperties properties,
			ObjectProvider<WebEndpointProperties> endpoints, ObjectProvider<AdminOperationsPolicy> policy) {
		WebEndpointProperties web = endpoints.getIfAvailable(WebEndpointProperties::new);
		String endpointPath = web.getBasePath() + "/" + web.getPathMapping().getOrDefault("zkworkflow", "zkworkflow");
		return DashboardSettingsRoute.route(properties.getPath(), properties.getRefresh(), endpointPath,
				policy.getIfAvailable());
	}

}

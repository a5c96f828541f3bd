package io.zkworkflow.actuate;

import java.security.Principal;
import java.util.Map;

import io.zkworkflow.actuate.internal.ZkWorkflowEndpoint;
import io.zkworkflow.autoconfigure.ZkWorkflowAutoConfiguration;
import io.zkworkflow.autoconfigure.actuate.ZkWorkflowEndpointAutoConfiguration;
import io.zkworkflow.internal.StatusSection;
import io.zkworkflow.internal.ValueDisclosure;
import io.zkworkflow.test.ZooKeeperServerExtension;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import org.springframework.boot.actuate.endpoint.SanitizableData;
import org.springframework.boot.actuate.endpoint.SanitizingFunction;
import org.springframework.boot.actuate.endpoint.SecurityContext;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.convert.ApplicationConversionService;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.cloud.zookeeper.ZookeeperAutoConfiguration;
import org.springframework.core.convert.support.ConfigurableConversionService;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Configuration values in the endpoint follow 'management.endpoint.zkworkflow.show-values' and
 * 'roles' as Spring Boot's '/env' does, and the application's SanitizingFunction beans apply
 * to what is shown.
 */
class ZkWorkflowEndpointShowValuesTests {

	@RegisterExtension
	static final ZooKeeperServerExtension zookeeper = new ZooKeeperServerExtension();

	private static final SecurityContext ANONYMOUS = SecurityContext.NONE;

	private static final SecurityContext OPERATOR = caller("OPS");

	private static final SecurityContext VIEWER = caller("VIEWER");

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(ZookeeperAutoConfiguration.class, ZkWorkflowAutoConfiguration.class,
				ZkWorkflowEndpointAutoConfiguration.class))
		.withInitializer((context) -> context.getEnvironment()
			.setConversionService((ConfigurableConversionService) ApplicationConversionService.getSharedInstance()))
		.withPropertyValues(zookeeper.connectStringProperty(), "management.endpoints.web.exposure.include=zkworkflow")
		.withBean("valuesSection", StatusSection.class, ValuesSection::new);

	@Test
	void valuesAreMaskedByDefaultEvenForAnOperator() {
		this.runner.run((context) -> {
			ZkWorkflowEndpoint endpoint = context.getBean(ZkWorkflowEndpoint.class);
			assertThat(values(endpoint, OPERATOR)).containsEntry("shop.limit", "******");
		});
	}

	@Test
	void alwaysShowsValuesToAnyone() {
		this.runner.withPropertyValues("management.endpoint.zkworkflow.show-values=always").run((context) -> {
			ZkWorkflowEndpoint endpoint = context.getBean(ZkWorkflowEndpoint.class);
			assertThat(values(endpoint, ANONYMOUS)).containsEntry("shop.limit", "42");
		});
	}

	@Test
	void whenAuthorizedShowsValuesOnlyToTheConfiguredRoles() {
		this.runner
			.withPropertyValues("management.endpoint.zkworkflow.show-values=when-authorized",
					"management.endpoint.zkworkflow.roles=OPS")
			.run((context) -> {
				ZkWorkflowEndpoint endpoint = context.getBean(ZkWorkflowEndpoint.class);
				assertThat(values(endpoint, OPERATOR)).containsEntry("shop.limit", "42");
				assertThat(values(endpoint, VIEWER)).containsEntry("shop.limit", "******");
				assertThat(values(endpoint, ANONYMOUS)).containsEntry("shop.limit", "******");
			});
	}

	@Test
	void theApplicationsSanitizingFunctionsApplyToShownValues() {
		this.runner.withPropertyValues("management.endpoint.zkworkflow.show-values=always")
			.withBean(SanitizingFunction.class, () -> (SanitizingFunction) (data) -> data.getKey().startsWith("shop.")
					? data.withValue(SanitizableData.SANITIZED_VALUE) : data)
			.run((context) -> {
				ZkWorkflowEndpoint endpoint = context.getBean(ZkWorkflowEndpoint.class);
				assertThat(values(endpoint, ANONYMOUS)).containsEntry("shop.limit", "******")
					.containsEntry("other.flag", "true");
			});
	}

	@SuppressWarnings("unchecked")
	private static Map<String, Object> values(ZkWorkflowEndpoint endpoint, SecurityContext caller) {
		return (Map<String, Object>) endpoint.section(caller, "values");
	}

	private static SecurityContext caller(String role) {
		return new SecurityContext() {
			@Override
			public Principal getPrincipal() {
				return () -> "someone";
			}

			@Override
			public boolean isUserInRole(String candidate) {
				return candidate.equals(role);
			}
		};
	}

	/** A section with two configuration values. */
	static class ValuesSection implements StatusSection {

		@Override
		public String sectionName() {
			return "values";
		}

		@Override
		public Object snapshot() {
			return snapshot(ValueDisclosure.NONE);
		}

		@Override
		public Object snapshot(ValueDisclosure disclosure) {
			return Map.of("shop.limit", shown(disclosure, "shop.limit", "42"), "other.flag",
					shown(disclosure, "other.flag", "true"));
		}

		private static Object shown(ValueDisclosure disclosure, String key, String value) {
			@Nullable String shown = disclosure.show(key, value);
			return (shown != null) ? shown : "(none)";
		}

	}

}

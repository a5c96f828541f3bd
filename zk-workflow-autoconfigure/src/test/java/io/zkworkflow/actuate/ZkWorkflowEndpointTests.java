package io.zkworkflow.actuate;

import java.util.Map;

import io.zkworkflow.actuate.internal.ZkWorkflowEndpoint;
import io.zkworkflow.autoconfigure.ZkWorkflowAutoConfiguration;
import io.zkworkflow.autoconfigure.actuate.ZkWorkflowEndpointAutoConfiguration;
import io.zkworkflow.internal.AdminOperation;
import io.zkworkflow.internal.AdminOperationsPolicy;
import io.zkworkflow.internal.StatusSection;
import io.zkworkflow.test.ZooKeeperServerExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import org.springframework.boot.actuate.endpoint.SecurityContext;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.convert.ApplicationConversionService;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.cloud.zookeeper.ZookeeperAutoConfiguration;
import org.springframework.core.convert.support.ConfigurableConversionService;

import static org.assertj.core.api.Assertions.assertThat;

class ZkWorkflowEndpointTests {

	@RegisterExtension
	static final ZooKeeperServerExtension zookeeper = new ZooKeeperServerExtension();

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(ZookeeperAutoConfiguration.class, ZkWorkflowAutoConfiguration.class,
				ZkWorkflowEndpointAutoConfiguration.class))
		// as SpringApplication does, so that 'unrestricted' converts to Access.UNRESTRICTED
		.withInitializer((context) -> context.getEnvironment()
			.setConversionService((ConfigurableConversionService) ApplicationConversionService.getSharedInstance()))
		.withPropertyValues(zookeeper.connectStringProperty());

	@Test
	void exposedEndpointCollectsEverySection() {
		this.runner.withPropertyValues("management.endpoints.web.exposure.include=zkworkflow")
			.withBean("demoSection", StatusSection.class, () -> new StatusSection() {
				@Override
				public String sectionName() {
					return "demo";
				}

				@Override
				public Object snapshot() {
					return Map.of("answer", 42);
				}
			})
			.run((context) -> {
				ZkWorkflowEndpoint endpoint = context.getBean(ZkWorkflowEndpoint.class);
				Map<String, Object> all = endpoint.all(SecurityContext.NONE);
				assertThat(all).containsKeys("session", "demo");
				assertThat(endpoint.section(SecurityContext.NONE, "demo")).isEqualTo(Map.of("answer", 42));
				assertThat(endpoint.section(SecurityContext.NONE, "nothing-here")).isNull();
				@SuppressWarnings("unchecked")
				Map<String, Object> session = (Map<String, Object>) all.get("session");
				assertThat(session).containsEntry("connected", true).containsEntry("rootPath", "/zk-workflow");
			});
	}

	@Test
	void writeOperationsAreRefusedUnlessEnabled() {
		this.runner.withPropertyValues("management.endpoints.web.exposure.include=zkworkflow")
			.withBean("echo", AdminOperation.class, EchoOperation::new)
			.run((context) -> {
				var response = context.getBean(ZkWorkflowEndpoint.class)
					.operate(SecurityContext.NONE, "demo", "echo", "42", null, null);
				assertThat(response.getStatus()).isEqualTo(403);
				assertThat(response.getBody()).asString().contains("management.endpoint.zkworkflow.access=unrestricted");
			});
	}

	@Test
	void enabledWriteOperationsRunWithTheirArguments() {
		this.runner
			.withPropertyValues("management.endpoints.web.exposure.include=zkworkflow",
					"management.endpoint.zkworkflow.access=unrestricted")
			.withBean("echo", AdminOperation.class, EchoOperation::new)
			.run((context) -> {
				ZkWorkflowEndpoint endpoint = context.getBean(ZkWorkflowEndpoint.class);
				var response = endpoint.operate(SecurityContext.NONE, "demo", "echo", "42", null, null);
				assertThat(response.getStatus()).isEqualTo(200);
				assertThat(response.getBody()).isEqualTo(Map.of("id", "42"));
				assertThat(endpoint.operate(SecurityContext.NONE, "demo", "nope", null, null, null).getStatus())
					.isEqualTo(404);
				assertThat(endpoint.operate(SecurityContext.NONE, "demo", "echo", null, null, null).getStatus())
					.isEqualTo(400);
			});
	}

	@Test
	void withSpringSecurityOnlyTheConfiguredRoleMayWrite() {
		AdminOperationsPolicy policy = new AdminOperationsPolicy(true, true, "OPS");
		assertThat(policy.refusal(SecurityContext.NONE)).contains("role 'OPS'");
		assertThat(policy.refusal(user("viewer", false))).contains("role 'OPS'");
		assertThat(policy.refusal(user("admin", true))).isNull();
	}

	private static SecurityContext user(String name, boolean inRole) {
		return new SecurityContext() {
			@Override
			public java.security.Principal getPrincipal() {
				return () -> name;
			}

			@Override
			public boolean isUserInRole(String role) {
				return inRole;
			}
		};
	}

	static class EchoOperation implements AdminOperation {

		@Override
		public String section() {
			return "demo";
		}

		@Override
		public String name() {
			return "echo";
		}

		@Override
		public Object invoke(Map<String, String> arguments) {
			if (!arguments.containsKey("id")) {
				throw new IllegalArgumentException("echo needs an id");
			}
			return Map.of("id", arguments.get("id"));
		}

	}

}

package io.zkworkflow.actuate;

import java.util.Map;

import io.zkworkflow.autoconfigure.ZkWorkflowAutoConfiguration;
import io.zkworkflow.autoconfigure.ZkWorkflowEndpointAutoConfiguration;
import io.zkworkflow.support.StatusSection;
import io.zkworkflow.test.ZooKeeperServerExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.cloud.zookeeper.ZookeeperAutoConfiguration;

import static org.assertj.core.api.Assertions.assertThat;

class ZkWorkflowEndpointTests {

	@RegisterExtension
	static final ZooKeeperServerExtension zookeeper = new ZooKeeperServerExtension();

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(ZookeeperAutoConfiguration.class, ZkWorkflowAutoConfiguration.class,
				ZkWorkflowEndpointAutoConfiguration.class))
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
				Map<String, Object> all = endpoint.all();
				assertThat(all).containsKeys("session", "demo");
				assertThat(endpoint.section("demo")).isEqualTo(Map.of("answer", 42));
				assertThat(endpoint.section("nothing-here")).isNull();
				@SuppressWarnings("unchecked")
				Map<String, Object> session = (Map<String, Object>) all.get("session");
				assertThat(session).containsEntry("connected", true).containsEntry("rootPath", "/zk-workflow");
			});
	}

	@Test
	void endpointIsAbsentUnlessExposed() {
		this.runner.run((context) -> assertThat(context).doesNotHaveBean(ZkWorkflowEndpoint.class));
	}

	@Test
	void endpointIsAbsentWithoutTheActuator() {
		this.runner.withPropertyValues("management.endpoints.web.exposure.include=zkworkflow")
			.withClassLoader(new FilteredClassLoader(Endpoint.class))
			.run((context) -> assertThat(context).hasNotFailed().doesNotHaveBean(ZkWorkflowEndpoint.class));
	}

}

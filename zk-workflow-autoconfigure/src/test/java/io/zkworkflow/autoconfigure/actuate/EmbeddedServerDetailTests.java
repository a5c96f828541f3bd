package io.zkworkflow.autoconfigure.actuate;

import java.util.Map;

import io.zkworkflow.actuate.internal.SessionStatusSection;
import io.zkworkflow.actuate.internal.ZkWorkflowHealthIndicator;
import io.zkworkflow.embedded.EmbeddedZooKeeper;
import io.zkworkflow.embedded.EmbeddedZooKeeperEnvironmentPostProcessor;
import io.zkworkflow.test.ZooKeeperServerExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The health indicator and the session section name the server zk-workflow-embedded started,
 * found through the property source its post-processor adds.
 */
class EmbeddedServerDetailTests {

	@RegisterExtension
	static final ZooKeeperServerExtension zookeeper = new ZooKeeperServerExtension();

	@Test
	void theEmbeddedServerIsNamedInHealthAndSession() {
		assertThat(EmbeddedServer.PROPERTY_SOURCE_NAME)
			.isEqualTo(EmbeddedZooKeeperEnvironmentPostProcessor.PROPERTY_SOURCE_NAME);
		try (ConfigurableApplicationContext context = app().run("--zk-workflow.embedded.enabled=true")) {
			String connectString = context.getBean(EmbeddedZooKeeper.class).connectString();
			assertThat(context.getBean(ZkWorkflowHealthIndicator.class).health(true).getDetails())
				.containsEntry("embeddedServer", connectString);
			assertThat(session(context)).containsEntry("embeddedServer", connectString);
		}
	}

	@Test
	void noEmbeddedServerNoDetail() {
		try (ConfigurableApplicationContext context = app().run("--" + zookeeper.connectStringProperty())) {
			assertThat(context.getBean(ZkWorkflowHealthIndicator.class).health(true).getDetails())
				.doesNotContainKey("embeddedServer");
			assertThat(session(context)).doesNotContainKey("embeddedServer");
		}
	}

	@SuppressWarnings("unchecked")
	private static Map<String, Object> session(ConfigurableApplicationContext context) {
		return (Map<String, Object>) context.getBean(SessionStatusSection.class).snapshot();
	}

	private static SpringApplicationBuilder app() {
		return new SpringApplicationBuilder(TestApplication.class).web(WebApplicationType.NONE)
			.properties("spring.cloud.zookeeper.discovery.enabled=false",
					"management.endpoints.web.exposure.include=zkworkflow");
	}

	@SpringBootConfiguration
	@EnableAutoConfiguration
	static class TestApplication {

	}

}

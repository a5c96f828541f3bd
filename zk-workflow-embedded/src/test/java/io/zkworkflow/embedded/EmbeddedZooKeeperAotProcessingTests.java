package io.zkworkflow.embedded;

import java.net.InetAddress;
import java.net.ServerSocket;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.aot.AbstractAotProcessor;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * While Spring's AOT engine processes an application at build time (the system property Boot's
 * {@code process-aot} sets), the embedded server does not start even when enabled. The sample's
 * tests run the real AOT processor over a whole application.
 */
class EmbeddedZooKeeperAotProcessingTests {

	@AfterEach
	void clearAotProcessing() {
		System.clearProperty(AbstractAotProcessor.AOT_PROCESSING);
	}

	@Test
	void notStartedWhileProcessedAheadOfTime() throws Exception {
		// a server starting on a port the test holds would fail the startup
		try (ServerSocket busy = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
			System.setProperty(AbstractAotProcessor.AOT_PROCESSING, "true");
			try (ConfigurableApplicationContext context = new SpringApplicationBuilder(NoBeans.class)
				.web(WebApplicationType.NONE)
				.run("--zk-workflow.embedded.enabled=true", "--zk-workflow.embedded.port=" + busy.getLocalPort())) {
				assertThat(context.getEnvironment().getPropertySources()
					.contains(EmbeddedZooKeeperEnvironmentPostProcessor.PROPERTY_SOURCE_NAME)).isFalse();
				assertThat(context.getBeanProvider(EmbeddedZooKeeper.class).getIfAvailable()).isNull();
			}
		}
	}

	@Test
	void detectsAotProcessingFromTheSystemPropertyTheProcessorSets() {
		assertThat(EmbeddedZooKeeperEnvironmentPostProcessor.isAotProcessing()).isFalse();
		System.setProperty(AbstractAotProcessor.AOT_PROCESSING, "true");
		assertThat(EmbeddedZooKeeperEnvironmentPostProcessor.isAotProcessing()).isTrue();
	}

	@SpringBootConfiguration
	static class NoBeans {

	}

}

package io.zkworkflow.sample;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.channels.ServerSocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.boot.SpringApplicationAotProcessor;
import org.springframework.context.aot.AbstractAotProcessor;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Boot's AOT processor over the sample, as {@code process-aot} runs it at build time, with the
 * embedded server on: it starts no server (the test holds the server's port, so a start would
 * fail the processing) and opens no connection to the configured ZooKeeper, and the hints it
 * writes for a native image name the order the steps bind and the dashboard's files.
 */
class SampleAotProcessingTests {

	@Test
	void processingStartsNoServerAndConnectsNowhere(@TempDir Path output) throws Exception {
		try (ServerSocket serverPort = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
				ServerSocketChannel zookeeper = ServerSocketChannel.open()) {
			zookeeper.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
			zookeeper.configureBlocking(false);
			String[] args = { "--zk-workflow.embedded.enabled=true",
					"--zk-workflow.embedded.port=" + serverPort.getLocalPort(),
					"--spring.cloud.zookeeper.connect-string=127.0.0.1:" + zookeeper.socket().getLocalPort() };
			AbstractAotProcessor.Settings settings = AbstractAotProcessor.Settings.builder()
				.sourceOutput(output.resolve("sources"))
				.resourceOutput(output.resolve("resources"))
				.classOutput(output.resolve("classes"))
				.groupId("io.zkworkflow")
				.artifactId("sample")
				.build();
			new SpringApplicationAotProcessor(SampleApplication.class, settings, args).process();
			assertThat(zookeeper.accept()).as("a connection to the configured ZooKeeper").isNull();
		}
		assertThat(output.resolve("sources/io/zkworkflow/sample/SampleApplication__ApplicationContextInitializer.java"))
			.exists();
		// the JSON writer may escape '/'
		String hints = Files.readString(
				output.resolve("resources/META-INF/native-image/io.zkworkflow/sample/reachability-metadata.json"))
			.replace("\\/", "/");
		assertThat(hints).contains("\"io.zkworkflow.sample.orders.Order\"")
			.contains("\"io.zkworkflow.task.internal.TaskRecord\"")
			.contains("io/zkworkflow/dashboard/static/*");
	}

}

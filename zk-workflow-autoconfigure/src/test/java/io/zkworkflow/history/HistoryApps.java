package io.zkworkflow.history;

import java.util.Map;

import javax.sql.DataSource;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.zkworkflow.autoconfigure.ZkWorkflowAutoConfiguration;
import io.zkworkflow.autoconfigure.history.JdbcHistoryAutoConfiguration;
import io.zkworkflow.autoconfigure.task.TaskAutoConfiguration;
import io.zkworkflow.autoconfigure.workflow.WorkflowAutoConfiguration;
import io.zkworkflow.task.WorkflowTask;
import io.zkworkflow.test.ZkInstances;
import io.zkworkflow.test.ZooKeeperServerExtension;
import io.zkworkflow.workflow.WorkflowDefinition;
import org.h2.jdbcx.JdbcDataSource;
import tools.jackson.databind.JsonNode;

import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.jackson.autoconfigure.JacksonAutoConfiguration;
import org.springframework.cloud.zookeeper.ZookeeperAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

/**
 * Applications of the history tests: the task engine, workflows and the JDBC history sink on
 * the database named by {@code history-test.url} (H2, or a server such as PostgreSQL with
 * {@code history-test.username} and {@code history-test.password}), with a simple meter registry so the
 * sink's counters can be read.
 */
final class HistoryApps {

	private HistoryApps() {
	}

	static ZkInstances on(ZooKeeperServerExtension zookeeper) {
		return ZkInstances.on(zookeeper)
			.sources(Infrastructure.class)
			.properties("spring.cloud.zookeeper.session-timeout=4s", "spring.cloud.zookeeper.connection-timeout=2s",
					"zk-workflow.tasks.coordinator-interval=100ms", "zk-workflow.tasks.member-refresh=200ms",
					"zk-workflow.history.jdbc.enabled=true", "logging.level.io.zkworkflow=WARN",
					"logging.level.org.apache.zookeeper=ERROR", "logging.level.org.apache.curator=ERROR");
	}

	@ImportAutoConfiguration({ ZookeeperAutoConfiguration.class, JacksonAutoConfiguration.class,
			ZkWorkflowAutoConfiguration.class, TaskAutoConfiguration.class, WorkflowAutoConfiguration.class,
			JdbcHistoryAutoConfiguration.class })
	static class Infrastructure {

		@Bean
		DataSource historyDataSource(Environment environment) {
			String url = environment.getRequiredProperty("history-test.url");
			if (!url.startsWith("jdbc:h2:")) {
				// a real server (PostgreSQL): its driver is found by the URL
				DriverManagerDataSource server = new DriverManagerDataSource(url);
				server.setUsername(environment.getProperty("history-test.username"));
				server.setPassword(environment.getProperty("history-test.password"));
				return server;
			}
			JdbcDataSource dataSource = new JdbcDataSource();
			dataSource.setURL(url);
			return dataSource;
		}

		@Bean
		MeterRegistry meterRegistry() {
			return new SimpleMeterRegistry();
		}

	}

	/** Tasks and workflows whose endings the shared database records. */
	@Configuration(proxyBeanMethods = false)
	static class Recorded {

		@Bean
		WorkflowDefinition historyPair() {
			return WorkflowDefinition.named("history-pair").step("history-first").then("history-second").build();
		}

		@Bean
		WorkflowDefinition historyBroken() {
			return WorkflowDefinition.named("history-broken").step("history-fails").build();
		}

		@Bean
		Handlers historyHandlers() {
			return new Handlers();
		}

	}

	static class Handlers {

		@WorkflowTask(name = "history-echo")
		public String echo(String payload) {
			return payload;
		}

		@WorkflowTask(name = "history-doomed", maxAttempts = 1)
		public void doomed(String payload) {
			throw new IllegalStateException("cannot process " + payload);
		}

		@WorkflowTask(name = "history-first")
		public Map<String, Object> first(JsonNode input) {
			return Map.of("order", input.path("order").asString(), "step", 1);
		}

		@WorkflowTask(name = "history-second")
		public String second(JsonNode previous) {
			return "shipped-" + previous.path("order").asString();
		}

		@WorkflowTask(name = "history-fails", maxAttempts = 1)
		public void fails(JsonNode input) {
			throw new IllegalStateException("out of stock");
		}

	}

	/** A task only the instance whose database refuses rows serves. */
	@Configuration(proxyBeanMethods = false)
	static class Unrecorded {

		@Bean
		UnrecordedHandler unrecordedHandler() {
			return new UnrecordedHandler();
		}

	}

	static class UnrecordedHandler {

		@WorkflowTask(name = "history-unrecorded")
		public String run(String payload) {
			return payload + "-done";
		}

	}

}

package io.zkworkflow.autoconfigure.history;

import javax.sql.DataSource;

import io.micrometer.core.instrument.MeterRegistry;
import io.zkworkflow.history.TaskHistory;
import io.zkworkflow.history.WorkflowHistory;
import io.zkworkflow.history.internal.HistoryMetrics;
import io.zkworkflow.history.internal.HistoryRecorder;
import io.zkworkflow.history.internal.HistorySchemaInitializer;
import io.zkworkflow.history.internal.HistoryWriter;
import io.zkworkflow.history.internal.JdbcTaskHistory;
import io.zkworkflow.history.internal.JdbcWorkflowHistory;
import io.zkworkflow.history.internal.MicrometerHistoryMetrics;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnSingleCandidate;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The optional history sink: when {@code zk-workflow.history.jdbc.enabled=true} and the
 * application has one {@link DataSource}, every task and workflow ending this instance commits
 * is written to the history tables through {@link JdbcClient}, and {@link TaskHistory} and
 * {@link WorkflowHistory} search them. Runs after Spring Boot's DataSource auto-configuration.
 */
@AutoConfiguration(afterName = "org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration")
@ConditionalOnClass(JdbcClient.class)
@ConditionalOnBooleanProperty(JdbcHistoryProperties.PREFIX + ".enabled")
@ConditionalOnSingleCandidate(DataSource.class)
@EnableConfigurationProperties(JdbcHistoryProperties.class)
public final class JdbcHistoryAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean
	HistorySchemaInitializer zkWorkflowHistorySchemaInitializer(DataSource dataSource,
			JdbcHistoryProperties properties) {
		return new HistorySchemaInitializer(dataSource, properties.getInitializeSchema(), properties.getPlatform());
	}

	/** Writes through its own {@link JdbcClient} on the DataSource, so an application's stays untouched. */
	@Bean
	@ConditionalOnMissingBean
	HistoryWriter zkWorkflowHistoryWriter(DataSource dataSource, ObjectProvider<JsonMapper> jsonMapper,
			HistorySchemaInitializer schema) {
		return new HistoryWriter(JdbcClient.create(dataSource), json(jsonMapper));
	}

	@Bean
	@ConditionalOnMissingBean
	HistoryRecorder zkWorkflowHistoryRecorder(HistoryWriter writer, ObjectProvider<HistoryMetrics> metrics,
			JdbcHistoryProperties properties) {
		return new HistoryRecorder(writer, metrics.getIfAvailable(() -> HistoryMetrics.NONE),
				properties.getQueueCapacity(), properties.getShutdownTimeout());
	}

	@Bean
	@ConditionalOnMissingBean
	TaskHistory zkWorkflowTaskHistory(DataSource dataSource, ObjectProvider<JsonMapper> jsonMapper,
			HistorySchemaInitializer schema) {
		return new JdbcTaskHistory(JdbcClient.create(dataSource), json(jsonMapper));
	}

	@Bean
	@ConditionalOnMissingBean
	WorkflowHistory zkWorkflowWorkflowHistory(DataSource dataSource, ObjectProvider<JsonMapper> jsonMapper,
			HistorySchemaInitializer schema) {
		return new JdbcWorkflowHistory(JdbcClient.create(dataSource), json(jsonMapper));
	}

	private static JsonMapper json(ObjectProvider<JsonMapper> jsonMapper) {
		return jsonMapper.getIfUnique(() -> JsonMapper.builder().build());
	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass(MeterRegistry.class)
	static class HistoryMetricsConfiguration {

		@Bean
		@ConditionalOnMissingBean
		HistoryMetrics zkWorkflowHistoryMetrics(ObjectProvider<MeterRegistry> registry) {
			MeterRegistry meterRegistry = registry.getIfUnique();
			return (meterRegistry != null) ? new MicrometerHistoryMetrics(meterRegistry) : HistoryMetrics.NONE;
		}

	}

}

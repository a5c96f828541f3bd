package io.zkworkflow.autoconfigure.actuate;

import io.zkworkflow.actuate.internal.ZkWorkflowHealthIndicator;
import io.zkworkflow.autoconfigure.ZkWorkflowAutoConfiguration;
import io.zkworkflow.internal.DegradedState;
import io.zkworkflow.internal.EphemeralBudget;
import io.zkworkflow.internal.ServerCompatibilityCheck;
import io.zkworkflow.internal.ZkRoot;
import org.apache.curator.framework.CuratorFramework;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.health.autoconfigure.contributor.ConditionalOnEnabledHealthIndicator;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.context.annotation.Bean;
import org.springframework.core.env.Environment;

/**
 * Contributes the {@code zkworkflow} health indicator when Spring Boot's health support is
 * present. Turn it off with {@code management.health.zkworkflow.enabled=false}.
 */
@AutoConfiguration(after = ZkWorkflowAutoConfiguration.class)
@ConditionalOnClass(HealthIndicator.class)
@ConditionalOnBean({ CuratorFramework.class, ZkRoot.class })
@ConditionalOnEnabledHealthIndicator("zkworkflow")
public final class ZkWorkflowHealthContributorAutoConfiguration {

	@Bean(name = "zkworkflowHealthIndicator")
	@ConditionalOnMissingBean(name = "zkworkflowHealthIndicator")
	ZkWorkflowHealthIndicator zkworkflowHealthIndicator(CuratorFramework curator, ZkRoot root,
			Environment environment, ObjectProvider<DegradedState> degradations,
			ObjectProvider<EphemeralBudget> budget, ObjectProvider<ServerCompatibilityCheck> compatibility) {
		return new ZkWorkflowHealthIndicator(curator, root, EmbeddedServer.connectString(environment),
				degradations.orderedStream().toList(), budget.getIfAvailable(), compatibility.getIfAvailable());
	}

}

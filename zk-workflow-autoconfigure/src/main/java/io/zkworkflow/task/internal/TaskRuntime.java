package io.zkworkflow.task.internal;

import java.util.List;
import java.util.concurrent.ScheduledExecutorService;

import io.zkworkflow.internal.EphemeralBudget;
import io.zkworkflow.task.TaskAdmission;
import io.zkworkflow.task.TaskCompletionContributor;
import org.apache.curator.framework.CuratorFramework;

import org.springframework.context.ApplicationEventPublisher;

/**
 * What the workers and the coordinator share.
 *
 * @param curator the client
 * @param paths the znode layout
 * @param codec JSON
 * @param settings the settings
 * @param metrics the metrics
 * @param tracing the observations of attempts
 * @param events where task events go
 * @param contributors operations added to task-ending transactions
 * @param instanceId this instance's member id
 * @param scheduler timer for timeouts and housekeeping
 * @param budget the session's ephemeral budget, which every claim's lease takes room in
 * @param admissions asked before a claimed task's handler runs
 */
record TaskRuntime(CuratorFramework curator, TaskPaths paths, TaskCodec codec, TaskEngineSettings settings,
		TaskMetrics metrics, TaskTracing tracing, ApplicationEventPublisher events, List<TaskCompletionContributor> contributors,
		String instanceId, ScheduledExecutorService scheduler, EphemeralBudget budget, List<TaskAdmission> admissions) {

	Transactions transactions() {
		return new Transactions(this.curator);
	}

	long sessionId() {
		try {
			return this.curator.getZookeeperClient().getZooKeeper().getSessionId();
		}
		catch (Exception ex) {
			return 0;
		}
	}

}

package io.zkworkflow.workflow.internal;

import java.util.Map;

import io.zkworkflow.task.SubmitOptions;
import io.zkworkflow.task.TaskClient;
import io.zkworkflow.task.WorkflowTask;
import io.zkworkflow.workflow.SignalDelivery;
import io.zkworkflow.workflow.WorkflowClient;
import io.zkworkflow.workflow.WorkflowId;
import io.zkworkflow.workflow.WorkflowSignalException;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import tools.jackson.databind.JsonNode;

/**
 * Carries a signal from an instance that does not declare the workflow's definition version
 * to one that does: a task with the workflow's version, so that only such an instance runs
 * it, and there the signal is sent again. Until then the sender sees
 * {@link SignalDelivery#BUFFERED}.
 */
public final class SignalRelayTask {

	/** The task's name. */
	static final String NAME = "zk-workflow.signal-relay";

	private static final Log logger = LogFactory.getLog(SignalRelayTask.class);

	private final WorkflowClient client;

	public SignalRelayTask(WorkflowClient client) {
		this.client = client;
	}

	/** Submit the task that sends {@code name} to the workflow from an instance of its version. */
	static SignalDelivery relay(TaskClient tasks, WorkflowRecord record, String name, JsonNode payload) {
		SubmitOptions options = StepLauncher.versioned(
				SubmitOptions.idempotencyKey(record.id + "@" + record.startedAt + "/signal/" + name), record)
			.attribute(StepLauncher.WORKFLOW, record.id);
		tasks.submit(NAME, Map.of("workflow", record.id, "signal", name, "payload", payload), options);
		return SignalDelivery.BUFFERED;
	}

	@WorkflowTask(name = NAME)
	void send(JsonNode signal) {
		WorkflowId id = new WorkflowId(signal.path("workflow").asString());
		String name = signal.path("signal").asString();
		try {
			this.client.signal(id, name, signal.path("payload"));
		}
		catch (WorkflowSignalException ex) {
			logger.warn("Signal '" + name + "' for workflow " + id + ", sent from an instance of another definition "
					+ "version, was not applied: " + ex.getMessage());
		}
	}

}

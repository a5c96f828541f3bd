package io.zkworkflow.task;

import java.util.Map;

import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * How a task ended, handed to {@link TaskCompletionContributor}s before the ending is
 * committed.
 *
 * @param id the task
 * @param kind succeeded or dead-lettered
 * @param attempts attempts made
 * @param idempotencyKey the key the task was submitted with, if any
 * @param attributes the attributes it was submitted with
 * @param payload its JSON payload
 * @param output the handler's output when it succeeded (JSON {@code null} for void)
 * @param error the last error when it was dead-lettered
 */
public record TaskOutcome(TaskId id, Kind kind, int attempts, @Nullable String idempotencyKey,
		Map<String, String> attributes, JsonNode payload, @Nullable JsonNode output, @Nullable String error) {

	/**
	 * The two endings of a task.
	 */
	public enum Kind {

		/** The handler returned and its output is committed. */
		SUCCEEDED,

		/** The task ran out of attempts or could not be bound. */
		DEAD

	}

}

package io.zkworkflow.task.internal;

import java.util.List;

import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * The retained outcome of a finished task (done node).
 *
 * @param uid the task uid
 * @param state {@code SUCCEEDED} or {@code CANCELLED}
 * @param attempts attempts made
 * @param finishedAt when it finished, epoch millis
 * @param output the committed output
 * @param history the last attempts, oldest first, or {@code null} in records written before
 * attempts were kept
 */
public record DoneRecord(String uid, String state, int attempts, long finishedAt, @Nullable JsonNode output,
		@Nullable List<AttemptRecord> history) {

	/** The attempts kept, oldest first; empty if none. */
	List<AttemptRecord> attemptHistory() {
		return (this.history != null) ? this.history : List.of();
	}

}

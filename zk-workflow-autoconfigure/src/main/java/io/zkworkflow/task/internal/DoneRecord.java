package io.zkworkflow.task.internal;

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
 */
public record DoneRecord(String uid, String state, int attempts, long finishedAt, @Nullable JsonNode output) {
}

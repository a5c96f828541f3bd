package io.zkworkflow.workflow;

import java.time.Instant;

import org.jspecify.annotations.Nullable;

/**
 * One workflow of a {@link WorkflowPage}: enough to show it in a list;
 * {@link WorkflowClient#status(WorkflowId)} has the rest (steps, input, outputs).
 *
 * @param id the workflow
 * @param definition the definition name
 * @param state where the workflow was when it was listed
 * @param startedAt when it started
 * @param finishedAt when it ended, if it has
 * @param error why it failed, if it did
 * @param version the definition version it started with, {@code null} when recorded before versions were
 */
public record WorkflowSummary(WorkflowId id, String definition, WorkflowState state, Instant startedAt,
		@Nullable Instant finishedAt, @Nullable String error, @Nullable String version) {
}

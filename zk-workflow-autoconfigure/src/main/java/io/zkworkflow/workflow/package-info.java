/**
 * Workflows: DAGs of {@link io.zkworkflow.task.WorkflowTask} steps declared as
 * {@link io.zkworkflow.workflow.WorkflowDefinition} beans and run with
 * {@link io.zkworkflow.workflow.WorkflowClient}, and cron schedules fired once per tick
 * across the fleet. Every step transition commits in the same ZooKeeper transaction as the
 * step's task.
 */
@NullMarked
package io.zkworkflow.workflow;

import org.jspecify.annotations.NullMarked;

package io.zkworkflow.workflow.internal;

import io.zkworkflow.internal.ZkRoot;

/**
 * Every znode path of workflows and schedules:
 * <pre>
 * {root}/workflows/{id}        workflow instance: definition, input, step states, outputs
 * {root}/workflows/{id}/signals/{name}  a signal sent before the workflow reached its wait
 * {root}/schedules/{name}      a cron schedule's last handled tick
 * {root}/schedule-definitions/{name}  a schedule created at runtime: cron, zone, target, payload
 * </pre>
 * Step tasks live in the task engine's layout.
 */
public final class WorkflowPaths {

	private final ZkRoot root;

	public WorkflowPaths(ZkRoot root) {
		this.root = root;
	}

	String workflows() {
		return this.root.resolve("workflows");
	}

	String workflow(String id) {
		return this.root.resolve("workflows", id);
	}

	String signal(String id, String name) {
		return this.root.resolve("workflows", id, "signals", name);
	}

	String schedules() {
		return this.root.resolve("schedules");
	}

	String schedule(String name) {
		return this.root.resolve("schedules", name);
	}

	String scheduleDefinitions() {
		return this.root.resolve("schedule-definitions");
	}

	String scheduleDefinition(String name) {
		return this.root.resolve("schedule-definitions", name);
	}

}

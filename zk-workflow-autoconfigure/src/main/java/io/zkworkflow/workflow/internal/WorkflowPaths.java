package io.zkworkflow.workflow.internal;

import io.zkworkflow.internal.TimeIndex;
import io.zkworkflow.internal.ZkRoot;

/**
 * Every znode path of workflows and schedules:
 * <pre>
 * {root}/workflows/{id}        workflow instance: definition, input, step states, outputs
 * {root}/workflows/{id}/signals/{name}                a signal sent before the workflow reached its wait
 * {root}/workflows/{id}/items/{step}                   a fan-out step's progress counters
 * {root}/workflows/{id}/items/{step}/run/{slot}        a slot of the parallelism: its element in flight
 * {root}/workflows/{id}/items/{step}/out/{shard}/{index}  an element's output, 1000 elements a shard
 * {root}/schedules/{name}      a cron schedule's last handled tick
 * {root}/schedule-definitions/{name}  a schedule created at runtime: cron, zone, target, payload
 * {root}/workflow-definitions/{definition}/index/{hour}/{second}/{start}-{id}  search index entry, empty
 * {root}/workflow-definitions/{definition}/versions/{version}/{instance}  EPHEMERAL: the instance declares that version
 * </pre>
 * Step tasks live in the task engine's layout.
 */
public final class WorkflowPaths {

	/** Element outputs per shard znode, so that no parent lists more than this many children. */
	static final int ELEMENTS_PER_SHARD = 1000;

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

	String signals(String id) {
		return this.root.resolve("workflows", id, "signals");
	}

	String signal(String id, String name) {
		return this.root.resolve("workflows", id, "signals", name);
	}

	String items(String id) {
		return this.root.resolve("workflows", id, "items");
	}

	String fanOut(String id, String step) {
		return this.root.resolve("workflows", id, "items", step);
	}

	String slots(String id, String step) {
		return this.root.resolve("workflows", id, "items", step, "run");
	}

	String slot(String id, String step, int slot) {
		return this.root.resolve("workflows", id, "items", step, "run", Integer.toString(slot));
	}

	String outputs(String id, String step) {
		return this.root.resolve("workflows", id, "items", step, "out");
	}

	String outputShard(String id, String step, int shard) {
		return this.root.resolve("workflows", id, "items", step, "out", Integer.toString(shard));
	}

	String elementOutput(String id, String step, int index) {
		return this.root.resolve("workflows", id, "items", step, "out", Integer.toString(index / ELEMENTS_PER_SHARD),
				Integer.toString(index));
	}

	/** Parent of the definitions' search indexes. */
	String definitions() {
		return this.root.resolve("workflow-definitions");
	}

	/** Root of the search index of a definition ({@link TimeIndex}). */
	String indexRoot(String definition) {
		return this.root.resolve("workflow-definitions", definition, TimeIndex.INDEX);
	}

	/** Parent of the versions of a definition that live instances declare. */
	String versions(String definition) {
		return this.root.resolve("workflow-definitions", definition, "versions");
	}

	/** The instances that declare one version of a definition, an ephemeral child each. */
	String version(String definition, String version) {
		return this.root.resolve("workflow-definitions", definition, "versions", version);
	}

	/** An instance's advertisement of a version it declares. */
	String versionMember(String definition, String version, String instance) {
		return this.root.resolve("workflow-definitions", definition, "versions", version, instance);
	}

	/** The search index entry of a workflow, written with its start. */
	String indexEntry(WorkflowRecord record) {
		return TimeIndex.entryPath(indexRoot(record.definition), record.startedAt,
				indexEntryName(record.startedAt, record.id));
	}

	/** {@code {start millis, base 36, 9 chars}-{id}}: sorts in start order. */
	static String indexEntryName(long startedAt, String id) {
		String time = Long.toString(startedAt, 36);
		return "0".repeat(Math.max(0, 9 - time.length())) + time + "-" + id;
	}

	/** The start time of an index entry, -1 for a name that is not one. */
	static long startOfEntry(String entry) {
		if (entry.length() < 11 || entry.charAt(9) != '-') {
			return -1;
		}
		try {
			return Long.parseLong(entry.substring(0, 9), 36);
		}
		catch (NumberFormatException ex) {
			return -1;
		}
	}

	/** The workflow id of an index entry. */
	static String idOfEntry(String entry) {
		return entry.substring(10);
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

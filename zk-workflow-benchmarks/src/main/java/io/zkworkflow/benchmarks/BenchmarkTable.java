package io.zkworkflow.benchmarks;

/**
 * The tables of a report. Each names the baseline subject its ratio columns divide by, so a
 * figure reads the same on any machine: "0.85x raw create+delete" rather than "1,200 ops/s".
 * Add a constant here when a new kind of comparison needs its own baseline.
 */
public enum BenchmarkTable {

	/** Raw ZooKeeper client calls: the floor and ceiling every recipe is built on. */
	ZOOKEEPER("Raw ZooKeeper operations", "zk.sync-create-delete"),

	/** Uncontended lock+unlock cycles on one thread, against the raw create+delete floor. */
	LOCKS("Locks: uncontended lock+unlock, one thread", "zk.sync-create-delete"),

	/** Several sessions and threads fighting for one lock. */
	CONTENDED_LOCKS("Locks: contended, 4 clients x 2 threads on one lock", "curator.mutex-contended"),

	/** One instance locking distinct keys from several threads, against its one-thread rate. */
	LOCK_SCALING("Locks: 8 threads on distinct keys, one instance", "zkworkflow.lock-annotation"),

	/** How long a holder takes to learn its lock is lost. */
	LOCK_LOSS("Locks: session expiry to LockLostException in the holder", "zkworkflow.lock-loss"),

	/** Queues or task systems drained as fast as they go, end to end. */
	QUEUE_THROUGHPUT("Queues and tasks: saturated end to end", "curator.queue-saturated"),

	/** Queues or task systems at light load: how long an item waits before a consumer sees it. */
	QUEUE_PICKUP("Queues and tasks: pickup latency at light load", "curator.queue-paced"),

	/** The saturated task load with a fleet-wide limit set above it, against the same load without. */
	TASK_LIMITS("Tasks: fleet-wide limits above the load, saturated", "zkworkflow.tasks-saturated"),

	/** Workflows of trivial steps, saturated, against the task engine's saturated rate. */
	WORKFLOWS("Workflows: saturated, against saturated tasks", "zkworkflow.tasks-saturated"),

	/** Task submit latency with a deep backlog, against the same deployment at 1,000 pending. */
	TASK_SUBMIT_BACKLOG("Tasks: submit with a backlog", "zkworkflow.tasks-submit-1k-pending"),

	/** Task claim latency with a deep backlog, against the same deployment at 1,000 pending. */
	TASK_CLAIM_BACKLOG("Tasks: claim with a backlog", "zkworkflow.tasks-claim-1k-pending"),

	/** A task's submit-to-committed-completion round trip with observations on, against a no-op registry. */
	TASK_OBSERVATIONS("Observations: task round trip, on and off", "zkworkflow.tasks-observations-off"),

	/** The annotated lock cycle with observations on, against a no-op registry. */
	LOCK_OBSERVATIONS("Observations: lock cycle, on and off", "zkworkflow.lock-observations-off"),

	/** Listing tasks by name a page at a time, against the same listing at 1,000 tasks. */
	TASK_LIST("Tasks: list one page of 100 by name", "zkworkflow.tasks-list-1k"),

	/** A write in one session observed by another: watches, caches and live configuration. */
	PROPAGATION("Change propagation: write to observer", "curator.cache-listener"),

	/** ZooKeeper transactions per lock cycle, task, config change, against the write ceiling. */
	WRITES("ZooKeeper transactions per operation, against the write ceiling", "zk.write-ceiling");

	private final String title;

	private final String baseline;

	BenchmarkTable(String title, String baseline) {
		this.title = title;
		this.baseline = baseline;
	}

	/**
	 * Return the table's heading.
	 * @return the title
	 */
	public String title() {
		return this.title;
	}

	/**
	 * Return the name of the subject the ratio columns divide by.
	 * @return a subject name
	 */
	public String baseline() {
		return this.baseline;
	}

}

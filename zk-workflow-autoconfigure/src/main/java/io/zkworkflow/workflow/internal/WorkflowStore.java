package io.zkworkflow.workflow.internal;

import java.util.ArrayList;
import java.util.List;

import io.zkworkflow.internal.TimeIndex;
import io.zkworkflow.task.TaskClient;
import io.zkworkflow.workflow.WorkflowDefinition;
import io.zkworkflow.workflow.WorkflowState;
import org.apache.curator.framework.CuratorFramework;
import org.apache.curator.framework.api.transaction.CuratorOp;
import org.apache.curator.framework.api.transaction.OperationType;
import org.apache.curator.utils.ZKPaths;
import org.apache.zookeeper.CreateMode;
import org.apache.zookeeper.KeeperException;
import org.apache.zookeeper.OpResult;
import org.apache.zookeeper.data.Stat;
import org.jspecify.annotations.Nullable;

/**
 * Reads workflow records and commits changes to them: every change is a version-checked
 * setData in one transaction with the tasks of the steps it starts, retried on a lost race.
 */
public final class WorkflowStore {

	private static final int RACE_RETRIES = 20;

	private static final int PARENT_RETRIES = 6;

	private final CuratorFramework curator;

	private final WorkflowPaths paths;

	private final WorkflowCodec codec;

	private final WorkflowRegistry registry;

	private final WorkflowPlanner planner;

	private final StepLauncher launcher;

	private final WorkflowEventRelay relay;

	private final CompletionNotice completion;

	private final SignalStore signals;

	private final FanOutStep fanOut;

	private final FanOutWithdrawal withdrawal;

	private final ChildWorkflows children;

	private volatile boolean rootKnown;

	public WorkflowStore(CuratorFramework curator, WorkflowPaths paths, WorkflowCodec codec, WorkflowRegistry registry,
			TaskClient tasks, long maxOutputBytes, WorkflowEventRelay relay) {
		this.curator = curator;
		this.paths = paths;
		this.codec = codec;
		this.registry = registry;
		this.planner = new WorkflowPlanner(codec, maxOutputBytes);
		this.fanOut = new FanOutStep(new ElementStore(curator, paths, codec), tasks, this.planner, maxOutputBytes);
		this.children = new ChildWorkflows(this, tasks);
		this.launcher = new StepLauncher(tasks, this.planner, this.fanOut, this.children);
		this.withdrawal = new FanOutWithdrawal(this, tasks);
		this.completion = new CompletionNotice(tasks, this.planner);
		this.signals = new SignalStore(curator, paths, codec);
		this.relay = relay;
	}

	WorkflowRegistry registry() {
		return this.registry;
	}

	CuratorFramework curator() {
		return this.curator;
	}

	WorkflowPaths paths() {
		return this.paths;
	}

	WorkflowCodec codec() {
		return this.codec;
	}

	WorkflowPlanner planner() {
		return this.planner;
	}

	WorkflowEventRelay relay() {
		return this.relay;
	}

	SignalStore signals() {
		return this.signals;
	}

	FanOutStep fanOut() {
		return this.fanOut;
	}

	FanOutWithdrawal withdrawal() {
		return this.withdrawal;
	}

	/**
	 * Prepare what a transition commits besides the workflow record: the tasks of the steps
	 * it starts (a wait whose signal is kept consumes it instead) and, when it ends the
	 * workflow, the completion listener's task (and, for a child, the task that tells its parent).
	 * @param definition the definition
	 * @param record the record after the transition (launch failures may change it further)
	 * @param start the steps to start
	 * @param before the state before the transition
	 * @param now the transition's time
	 * @return the operations, to follow the record's write
	 */
	List<CuratorOp> followUps(WorkflowDefinition definition, WorkflowRecord record, List<String> start,
			WorkflowState before, long now) throws Exception {
		List<CuratorOp> ops = new ArrayList<>();
		List<String> launch = this.signals.consumeKept(this.planner, definition, record, start, now, ops);
		ops.addAll(this.launcher.launch(definition, record, launch, now));
		ops.addAll(this.completion.prepare(definition, record, before));
		ops.addAll(this.children.endNotice(definition, record, before));
		return ops;
	}

	WorkflowDefinition definition(WorkflowRecord record) {
		WorkflowDefinition definition = this.registry.get(record.definition);
		if (record.version != null && (definition == null || !record.version.equals(definition.version()))) {
			if (record.versionLost) {
				return LostVersions.residual(record);
			}
			throw new IllegalStateException("Workflow " + record.id + " runs version " + record.version + " of '"
					+ record.definition + "', which this instance does not declare"
					+ ((definition != null) ? " (it declares version " + definition.version() + ")" : "")
					+ "; only an instance that declares that version advances it. Do this from such an instance.");
		}
		if (definition == null) {
			throw new IllegalStateException("Workflow " + record.id + " runs definition '" + record.definition
					+ "', which this application does not declare. Every application that runs a workflow's steps "
					+ "must declare its WorkflowDefinition bean.");
		}
		return definition;
	}

	void ensureRoot() throws Exception {
		if (this.rootKnown) {
			return;
		}
		try {
			this.curator.create().creatingParentsIfNeeded().forPath(this.paths.workflows());
		}
		catch (KeeperException.NodeExistsException ex) {
			// already there
		}
		this.rootKnown = true;
	}

	@Nullable Versioned read(String id) throws Exception {
		Stat stat = new Stat();
		try {
			byte[] data = this.curator.getData().storingStatIn(stat).forPath(this.paths.workflow(id));
			return new Versioned(this.codec.read(data, WorkflowRecord.class), stat.getVersion());
		}
		catch (KeeperException.NoNodeException ex) {
			return null;
		}
	}

	CuratorOp write(WorkflowRecord record, int version) throws Exception {
		return this.curator.transactionOp()
			.setData()
			.withVersion(version)
			.forPath(this.paths.workflow(record.id), this.codec.write(record));
	}

	/**
	 * Apply {@code change} to a workflow and commit it, re-reading and retrying when another
	 * transition won a race.
	 * @return the committed record, or {@code null} when the workflow is gone or the change
	 * declined
	 */
	@Nullable WorkflowRecord update(String id, Change change) throws Exception {
		return update(id, change, false);
	}

	/**
	 * {@link #update(String, Change)}; with {@code stopping}, also for a workflow of a version
	 * this instance does not declare, for a change that only fails, cancels or withdraws: it
	 * then moves with the shape its record holds ({@link LostVersions#residual}).
	 */
	@Nullable WorkflowRecord update(String id, Change change, boolean stopping) throws Exception {
		for (int round = 0; round < RACE_RETRIES; round++) {
			Versioned current = read(id);
			if (current == null) {
				return null;
			}
			WorkflowRecord record = current.record();
			boolean residual = stopping && LostVersions.undeclared(this.registry, record);
			WorkflowDefinition definition = residual ? LostVersions.residual(record) : definition(record);
			WorkflowState before = record.state;
			long now = System.currentTimeMillis();
			if (!change.apply(definition, record, now)) {
				return null;
			}
			if (residual && record.state == WorkflowState.RUNNING) {
				throw new IllegalStateException("Workflow " + id + " runs a definition version this instance does not "
						+ "declare; only a change that stops it may be made here");
			}
			List<String> start = this.planner.advance(definition, record, now);
			List<CuratorOp> ops = new ArrayList<>();
			List<CuratorOp> taskOps = followUps(definition, record, start, before, now);
			ops.add(write(record, current.version()));
			ops.addAll(taskOps);
			try {
				commit(ops);
			}
			catch (KeeperException ex) {
				if (failedAt(ex) == 0) {
					continue;
				}
				throw ex;
			}
			this.relay.committed(record, null, before);
			return record;
		}
		throw new IllegalStateException("Workflow " + id + " kept changing; gave up after " + RACE_RETRIES + " tries");
	}

	/**
	 * Commit a transaction. A create whose parent is missing (the first idempotency marker of
	 * a bucket, a task queue no local worker created) gets its parent created and the
	 * transaction is retried.
	 * @param ops the operations
	 */
	void commit(List<CuratorOp> ops) throws Exception {
		for (int attempt = 0;; attempt++) {
			try {
				this.curator.transaction().forOperations(ops);
				return;
			}
			catch (KeeperException ex) {
				int failed = failedAt(ex);
				// one try per missing parent: a start's step task has up to four, its index entry one more
				if (attempt >= PARENT_RETRIES || failed < 0 || ex.code() != KeeperException.Code.NONODE
						|| ops.get(failed).getTypeAndPath().getType() != OperationType.CREATE) {
					throw ex;
				}
				String parent = ZKPaths.getPathAndNode(ops.get(failed).getTypeAndPath().getForPath()).getPath();
				try {
					CreateMode mode = TimeIndex.bucketMode(parent);
					this.curator.create()
						.creatingParentsIfNeeded()
						.withMode((mode != null) ? mode : CreateMode.PERSISTENT)
						.forPath(parent);
				}
				catch (KeeperException.NodeExistsException raced) {
					// created meanwhile
				}
			}
		}
	}

	static int failedAt(KeeperException ex) {
		List<OpResult> results = ex.getResults();
		if (results != null) {
			for (int i = 0; i < results.size(); i++) {
				if (results.get(i) instanceof OpResult.ErrorResult error && error.getErr() != 0
						&& error.getErr() != KeeperException.Code.RUNTIMEINCONSISTENCY.intValue()) {
					return i;
				}
			}
		}
		return -1;
	}

	/** A change to a workflow record, made in memory. */
	@FunctionalInterface
	interface Change {

		/** Change the record; return {@code false} to commit nothing. */
		boolean apply(WorkflowDefinition definition, WorkflowRecord record, long now);

	}

	record Versioned(WorkflowRecord record, int version) {
	}

}

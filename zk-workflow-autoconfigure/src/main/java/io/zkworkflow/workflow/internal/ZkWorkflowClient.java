package io.zkworkflow.workflow.internal;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

import io.zkworkflow.task.TaskClient;
import io.zkworkflow.task.TaskId;
import io.zkworkflow.workflow.SignalDelivery;
import io.zkworkflow.workflow.StartOptions;
import io.zkworkflow.workflow.StepState;
import io.zkworkflow.workflow.WorkflowClient;
import io.zkworkflow.workflow.WorkflowDefinition;
import io.zkworkflow.workflow.WorkflowId;
import io.zkworkflow.workflow.WorkflowPage;
import io.zkworkflow.workflow.WorkflowQuery;
import io.zkworkflow.workflow.WorkflowStartException;
import io.zkworkflow.workflow.WorkflowState;
import io.zkworkflow.workflow.WorkflowStatus;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.apache.curator.framework.api.transaction.CuratorOp;
import org.apache.zookeeper.KeeperException;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;

/**
 * {@link WorkflowClient} on ZooKeeper. A start is one transaction [create the workflow
 * record, create its first step's task, create its search index entry]. Waits for results are
 * handed to {@link WorkflowResults}, status reads to {@link WorkflowStatuses}, signals to
 * {@link WorkflowSignals}, listings to {@link WorkflowSearch}.
 */
public final class ZkWorkflowClient implements WorkflowClient, AutoCloseable {

	private static final Log logger = LogFactory.getLog(ZkWorkflowClient.class);

	private final WorkflowStore store;

	private final TaskClient tasks;

	private final WorkflowMetrics metrics;

	private final long maxInputBytes;

	private final WorkflowResults results;

	private final WorkflowStatuses statuses;

	private final WorkflowSignals signals;

	private final WorkflowSearch search;

	public ZkWorkflowClient(WorkflowStore store, TaskClient tasks, WorkflowMetrics metrics, long maxInputBytes,
			Duration retention) {
		this.store = store;
		this.tasks = tasks;
		this.metrics = metrics;
		this.maxInputBytes = maxInputBytes;
		this.results = new WorkflowResults(store, retention);
		this.statuses = new WorkflowStatuses(store, tasks);
		this.signals = new WorkflowSignals(store, tasks, maxInputBytes);
		this.search = new WorkflowSearch(store);
		store.relay().onFailing(this::withdrawQueued);
	}

	@Override
	public WorkflowId start(String name, Object input, StartOptions options) {
		WorkflowMetrics.Start observed = this.metrics.startWorkflow(name);
		try {
			WorkflowId id = start(name, input, options, observed);
			observed.stop(id, "started", null);
			return id;
		}
		catch (RuntimeException ex) {
			observed.stop(null, "failed", ex);
			throw ex;
		}
	}

	/** Start, stopping the observation as {@code existing} when the key was used already. */
	private WorkflowId start(String name, Object input, StartOptions options, WorkflowMetrics.Start observed) {
		WorkflowDefinition definition = this.store.registry().get(name);
		if (definition == null) {
			throw new WorkflowStartException("No workflow named '" + name + "' in this application; known workflows are "
					+ this.store.registry().all().stream().map(WorkflowDefinition::name).toList()
					+ ". Declare a WorkflowDefinition bean named '" + name + "'.");
		}
		JsonNode tree;
		try {
			tree = this.store.codec().toTree(input);
		}
		catch (JacksonException ex) {
			throw new WorkflowStartException("The input of workflow '" + name + "' (" + input.getClass().getName()
					+ ") cannot be written as JSON: " + ex.getOriginalMessage(), ex);
		}
		int size = this.store.codec().sizeOf(tree);
		if (size > this.maxInputBytes) {
			throw new WorkflowStartException("The input of workflow '" + name + "' is " + size + " bytes as JSON, above "
					+ "zk-workflow.workflows.max-output (" + this.maxInputBytes + " bytes). Workflows live in "
					+ "ZooKeeper's memory: store the data elsewhere and start the workflow with a reference to it.");
		}
		String key = options.idempotencyKey();
		try {
			this.store.ensureRoot();
			WorkflowId existing = (key != null) ? WorkflowId.forKey(name, key) : null;
			if (existing != null && this.store.read(existing.value()) != null) {
				observed.stop(existing, "existing", null);
				return existing;
			}
			PreparedStart prepared = prepareStart(definition, tree, key);
			try {
				this.store.commit(prepared.ops());
			}
			catch (KeeperException.NodeExistsException ex) {
				if (key != null && WorkflowStore.failedAt(ex) == 0) {
					observed.stop(prepared.id(), "existing", null);
					return prepared.id();
				}
				throw ex;
			}
			started(prepared);
			return prepared.id();
		}
		catch (WorkflowStartException ex) {
			throw ex;
		}
		catch (Exception ex) {
			throw new WorkflowStartException("Could not start workflow '" + name + "' in ZooKeeper: " + ex, ex);
		}
	}

	/**
	 * Prepare the operations that start a workflow, for a caller that commits them in its
	 * own transaction (a schedule). The first operation creates the workflow record and
	 * fails with NODEEXISTS when a workflow with the same key exists.
	 * @param definition the definition
	 * @param input the input
	 * @param key the idempotency key, or {@code null}
	 * @return the id and operations
	 */
	PreparedStart prepareStart(WorkflowDefinition definition, JsonNode input, @Nullable String key) throws Exception {
		this.store.ensureRoot();
		WorkflowId id = (key != null) ? WorkflowId.forKey(definition.name(), key) : WorkflowId.random();
		long now = System.currentTimeMillis();
		WorkflowRecord record = this.store.planner().newRecord(definition, id.value(), key, input, now);
		List<String> start = this.store.planner().advance(definition, record, now);
		List<CuratorOp> taskOps = this.store.followUps(definition, record, start, WorkflowState.RUNNING, now);
		List<CuratorOp> ops = new ArrayList<>();
		ops.add(this.store.curator()
			.transactionOp()
			.create()
			.forPath(this.store.paths().workflow(id.value()), this.store.codec().write(record)));
		ops.addAll(taskOps);
		// last, so that the failure index of the record and the step tasks stays the same
		ops.add(this.store.curator().transactionOp().create().forPath(this.store.paths().indexEntry(record)));
		return new PreparedStart(id, record, ops);
	}

	/**
	 * Count and announce a start once its operations are committed.
	 * @param prepared the committed start
	 */
	void started(PreparedStart prepared) {
		this.metrics.started(prepared.record().definition);
		this.store.relay().committed(prepared.record(), null, WorkflowState.RUNNING);
	}

	@Override
	public WorkflowStatus status(WorkflowId id) {
		return this.statuses.status(id);
	}

	@Override
	public SignalDelivery signal(WorkflowId id, String name, Object payload) {
		return this.signals.signal(id, name, payload);
	}

	@Override
	public WorkflowPage list(WorkflowQuery query) {
		try {
			return this.search.list(query);
		}
		catch (IllegalArgumentException ex) {
			throw ex;
		}
		catch (Exception ex) {
			throw new IllegalStateException("Could not list workflows '" + query.definition() + "': " + ex, ex);
		}
	}

	@Override
	public <T> @Nullable T result(WorkflowId id, Class<T> type, Duration timeout) {
		return this.results.result(id, type, timeout);
	}

	@Override
	public <T> CompletableFuture<@Nullable T> resultAsync(WorkflowId id, Class<T> type) {
		return this.results.resultAsync(id, type);
	}

	/** Open waits for results fail. */
	@Override
	public void close() {
		this.results.close();
	}

	@Override
	public boolean cancel(WorkflowId id) {
		try {
			WorkflowStore.Versioned current = this.store.read(id.value());
			if (current == null) {
				return false;
			}
			if (current.record().cancelRequested) {
				return true;
			}
			WorkflowRecord committed = this.store.update(id.value(), (definition, record, now) -> {
				if (record.state != WorkflowState.RUNNING) {
					return false;
				}
				this.store.planner().cancel(record);
				return true;
			}, true);
			if (committed == null) {
				WorkflowStore.Versioned after = this.store.read(id.value());
				return after != null && after.record().cancelRequested;
			}
			withdrawQueued(id.value());
			return true;
		}
		catch (Exception ex) {
			throw new IllegalStateException("Could not cancel workflow " + id + ": " + ex, ex);
		}
	}

	/**
	 * Withdraw the tasks of steps that have not started, of a workflow that is failing or
	 * cancelling, and record them as CANCELLED (which may start the compensation).
	 * @param id the workflow
	 */
	void withdrawQueued(String id) {
		try {
			WorkflowStore.Versioned current = this.store.read(id);
			if (current == null) {
				return;
			}
			WorkflowRecord record = current.record();
			if (record.state != WorkflowState.FAILING && record.state != WorkflowState.CANCELLING) {
				return;
			}
			WorkflowDefinition definition = LostVersions.undeclared(this.store.registry(), record)
					? LostVersions.residual(record) : this.store.definition(record);
			for (String step : definition.steps().keySet()) {
				StepRecord stepRecord = record.step(step);
				ChildWorkflows.cancelChild(this, stepRecord);
				if (definition.steps().get(step).fansOut() && stepRecord.startedAt > 0) {
					this.store.withdrawal().withdraw(id, step);
				}
				else if (stepRecord.state == StepState.RUNNING && stepRecord.taskId != null
						&& this.tasks.cancel(TaskId.parse(stepRecord.taskId))) {
					recordWithdrawn(id, step, stepRecord.taskId);
				}
			}
		}
		catch (Exception ex) {
			logger.warn("Could not withdraw the waiting steps of workflow " + id
					+ "; the coordinator finishes the job: " + ex);
		}
	}

	/**
	 * Record that a step's task was withdrawn (cancelled in the task engine).
	 * @param id the workflow
	 * @param step the step
	 * @param taskId the task that was withdrawn
	 */
	void recordWithdrawn(String id, String step, String taskId) throws Exception {
		this.store.update(id, (definition, record, now) -> {
			StepRecord stepRecord = record.step(step);
			if (stepRecord.state != StepState.RUNNING || !taskId.equals(stepRecord.taskId)) {
				return false;
			}
			this.store.planner().stepWithdrawn(record, step, now);
			return true;
		}, true);
	}

	/**
	 * The operations that start a workflow.
	 *
	 * @param id the workflow's id
	 * @param record its initial record
	 * @param ops the operations, the record's create first
	 */
	record PreparedStart(WorkflowId id, WorkflowRecord record, List<CuratorOp> ops) {
	}

}

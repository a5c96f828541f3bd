package io.zkworkflow.task.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

import io.zkworkflow.task.TaskCompletionContributor;
import io.zkworkflow.task.TaskDeadLetteredEvent;
import io.zkworkflow.task.TaskOutcome;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.apache.curator.framework.api.transaction.CuratorOp;
import org.apache.zookeeper.KeeperException;

/**
 * Commits the transactions that end a task for good (success or dead letter), asking the
 * {@link TaskCompletionContributor}s for their operations and retrying when one of those
 * lost a version race. Used by workers and by the coordinator.
 */
final class TaskEnder {

	private static final Log logger = LogFactory.getLog(TaskEnder.class);

	private static final int CONTRIBUTOR_RETRIES = 25;

	private final TaskRuntime runtime;

	private final Committer committer;

	TaskEnder(TaskRuntime runtime, Committer committer) {
		this.runtime = runtime;
		this.committer = committer;
	}

	/**
	 * Commit {@code base} plus the contributed operations.
	 * @param base the engine's operations
	 * @param outcome how the task ends
	 * @throws Exception when the transaction is refused for a reason in {@code base} (for
	 * example the lease is gone) or ZooKeeper cannot be reached
	 */
	void commit(List<CuratorOp> base, TaskOutcome outcome) throws Exception {
		for (int round = 1;; round++) {
			List<CuratorOp> ops = new ArrayList<>(base);
			for (TaskCompletionContributor contributor : this.runtime.contributors()) {
				ops.addAll(contributor.contribute(outcome, this.runtime.curator()));
			}
			try {
				this.committer.commit(ops);
				return;
			}
			catch (KeeperException ex) {
				Transactions.Failure failure = Transactions.failure(ex);
				if (failure == null || failure.index() < base.size() || round >= CONTRIBUTOR_RETRIES) {
					throw ex;
				}
				logger.debug("Contributed operation " + failure.index() + " of " + outcome.id() + " failed with "
						+ failure.code() + "; asking the contributors again");
				// contributors racing on one version (wide fan-in) must not retry in lockstep
				Thread.sleep(ThreadLocalRandom.current().nextLong(1, Math.min(200, 10L * round) + 1));
			}
		}
	}

	void deadLettered(TaskRecord dead) {
		logger.warn("Task " + dead.id() + " moved to the dead letters after " + dead.attempts() + " attempt(s): "
				+ dead.error());
		this.runtime.events()
			.publishEvent(new TaskDeadLetteredEvent(dead.id(), dead.attempts(), String.valueOf(dead.error())));
	}

	/** How a transaction is committed: one by one, or grouped with others ({@link MultiBatcher}). */
	@FunctionalInterface
	interface Committer {

		void commit(List<CuratorOp> ops) throws Exception;

	}

	static TaskOutcome deadOutcome(TaskRecord dead) {
		return new TaskOutcome(dead.id(), TaskOutcome.Kind.DEAD, dead.attempts(), dead.key(), dead.attributes(),
				dead.payload(), null, dead.error());
	}

}

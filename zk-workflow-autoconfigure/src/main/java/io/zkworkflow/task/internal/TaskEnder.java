package io.zkworkflow.task.internal;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import io.zkworkflow.task.TaskCompletionContributor;
import io.zkworkflow.task.TaskDeadLetteredEvent;
import io.zkworkflow.task.TaskOutcome;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.apache.curator.framework.api.transaction.CuratorOp;
import org.apache.zookeeper.KeeperException;

import org.springframework.core.retry.RetryException;
import org.springframework.core.retry.RetryPolicy;
import org.springframework.core.retry.RetryTemplate;

/**
 * Commits the transactions that end a task for good (success or dead letter), asking the
 * {@link TaskCompletionContributor}s for their operations and retrying when one of those
 * lost a version race. Used by workers and by the coordinator.
 */
final class TaskEnder {

	private static final Log logger = LogFactory.getLog(TaskEnder.class);

	/** Rounds of asking the contributors, the first try included. */
	private static final int CONTRIBUTOR_RETRIES = 25;

	private static final Duration CONTRIBUTOR_DELAY = Duration.ofMillis(5);

	private static final Duration CONTRIBUTOR_MAX_DELAY = Duration.ofMillis(200);

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
		RetryTemplate retries = new RetryTemplate(contributorRaces(base.size(), outcome));
		try {
			retries.execute(() -> {
				List<CuratorOp> ops = new ArrayList<>(base);
				for (TaskCompletionContributor contributor : this.runtime.contributors()) {
					ops.addAll(contributor.contribute(outcome, this.runtime.curator()));
				}
				this.committer.commit(ops);
				return null;
			});
		}
		catch (RetryException ex) {
			// the caller sees what ZooKeeper (or the contributor) said, not the retry's wrapper
			Throwable cause = ex.getCause();
			if (cause instanceof Exception failure) {
				throw failure;
			}
			if (cause instanceof Error error) {
				throw error;
			}
			throw ex;
		}
	}

	/**
	 * Retry only when a contributed operation failed (a version race of contributors on a wide
	 * fan-in), asking the contributors again each time. The waits are random from
	 * {@link #CONTRIBUTOR_DELAY} up to twice a delay growing by 1.5 per round (at most
	 * {@link #CONTRIBUTOR_MAX_DELAY}), so that racing contributors do not retry in lockstep.
	 */
	private static RetryPolicy contributorRaces(int baseSize, TaskOutcome outcome) {
		return RetryPolicy.builder()
			.maxRetries(CONTRIBUTOR_RETRIES - 1)
			.delay(CONTRIBUTOR_DELAY)
			.jitter(CONTRIBUTOR_DELAY)
			.multiplier(1.5)
			.maxDelay(CONTRIBUTOR_MAX_DELAY)
			.predicate((ex) -> {
				if (!(ex instanceof KeeperException keeper)) {
					return false;
				}
				Transactions.Failure failure = Transactions.failure(keeper);
				if (failure == null || failure.index() < baseSize) {
					return false;
				}
				logger.debug("Contributed operation " + failure.index() + " of " + outcome.id() + " failed with "
						+ failure.code() + "; asking the contributors again");
				return true;
			})
			.build();
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

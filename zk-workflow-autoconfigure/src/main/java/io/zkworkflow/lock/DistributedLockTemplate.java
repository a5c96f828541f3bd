package io.zkworkflow.lock;

import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.function.Consumer;

import io.zkworkflow.internal.EphemeralBudget;
import io.zkworkflow.internal.ZkRoot;
import io.zkworkflow.lock.internal.LockMetrics;
import io.zkworkflow.lock.internal.ZkLockTemplate;
import org.apache.curator.framework.CuratorFramework;
import org.jspecify.annotations.Nullable;

/**
 * Distributed locks from plain code, with the same semantics as {@link DistributedLocked}:
 * ordered waiting, loss detection, fencing tokens, same-thread reentrancy. Needs only a started
 * {@link CuratorFramework} and the zk-workflow root path:
 *
 * <pre class="code">
 * DistributedLockTemplate locks = DistributedLockTemplate.create(curator, "/zk-workflow");
 * locks.execute(LockRequest.exclusive("orders").withKey(id).withWaitTime(Duration.ofSeconds(5)),
 *         () -&gt; store.write(data, LockContext.current().fencingToken()));
 * </pre>
 *
 * One template per client; close it when done (held locks are released). With Spring Boot,
 * inject the template the auto-configuration provides instead.
 */
public interface DistributedLockTemplate extends AutoCloseable {

	/**
	 * Create a template with default settings: loss reported in the log only, the default
	 * ephemeral node budget for the client's session.
	 * @param curator a started client
	 * @param rootPath the zk-workflow root, such as {@code /zk-workflow}
	 * @return the template
	 */
	static DistributedLockTemplate create(CuratorFramework curator, String rootPath) {
		return builder(curator, rootPath).build();
	}

	/**
	 * Start building a template with non-default settings.
	 * @param curator a started client
	 * @param rootPath the zk-workflow root, such as {@code /zk-workflow}
	 * @return the builder
	 */
	static Builder builder(CuratorFramework curator, String rootPath) {
		return new Builder(curator, rootPath);
	}

	/**
	 * Acquire a lock, waiting up to its {@code waitTime}. The handle becomes the current
	 * thread's {@link LockContext} until closed; close it on this thread.
	 * @param request what to lock
	 * @return the held lock
	 * @throws LockNotAcquiredException when not acquired in time, or refused because this
	 * instance's session holds as many ephemeral nodes as its budget allows
	 * @throws IllegalStateException when this thread holds the lock for READ and asks for WRITE
	 */
	LockHandle acquire(LockRequest request);

	/**
	 * Run {@code callback} under the lock and release it afterwards. When the lock is lost while
	 * the callback runs, the call ends per {@link LockRequest#onLockLost()}.
	 * @param <T> the result type
	 * @param request what to lock
	 * @param callback the locked code
	 * @return the callback's result
	 * @throws LockNotAcquiredException when not acquired in time
	 * @throws LockLostException when the lock was lost and the policy is not {@code IGNORE}
	 * @throws Exception what the callback threw
	 */
	<T> @Nullable T execute(LockRequest request, Callable<T> callback) throws Exception;

	/**
	 * Return the locks this template holds now (any thread), oldest first.
	 * @return the held locks
	 */
	List<LockContext> heldLocks();

	/**
	 * Release every held lock and stop watching the connection.
	 */
	@Override
	void close();

	/**
	 * Settings of a {@link DistributedLockTemplate}.
	 */
	final class Builder {

		private final CuratorFramework curator;

		private final String rootPath;

		private Consumer<LockLostEvent> lostListener = (event) -> {
		};

		private String holderName = ManagementFactory.getRuntimeMXBean().getName();

		private Duration operationTimeout = Duration.ofSeconds(5);

		private Builder(CuratorFramework curator, String rootPath) {
			this.curator = curator;
			this.rootPath = rootPath;
		}

		/**
		 * Who hears about lost locks (default: only the WARN log).
		 * @param lostListener the listener
		 * @return this builder
		 */
		public Builder lockLostListener(Consumer<LockLostEvent> lostListener) {
			this.lostListener = lostListener;
			return this;
		}

		/**
		 * How other instances see this one as a holder (default {@code pid@host}).
		 * @param holderName the name stored in our lock nodes
		 * @return this builder
		 */
		public Builder holderName(String holderName) {
			this.holderName = holderName;
			return this;
		}

		/**
		 * Longest wait for one ZooKeeper answer when the wait time is shorter (default 5s).
		 * @param operationTimeout the timeout
		 * @return this builder
		 */
		public Builder operationTimeout(Duration operationTimeout) {
			this.operationTimeout = operationTimeout;
			return this;
		}

		/**
		 * Build the template.
		 * @return the template
		 * @throws IllegalArgumentException when the root path is not a valid znode path
		 */
		public DistributedLockTemplate build() {
			ZkLockTemplate.Settings settings = new ZkLockTemplate.Settings(this.curator, new ZkRoot(this.rootPath),
					LockMetrics.NONE, this.lostListener, this.holderName, this.operationTimeout);
			return ZkLockTemplate.withOwnBudget(settings, EphemeralBudget.withDefaults());
		}

	}

}

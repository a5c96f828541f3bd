package io.zkworkflow.lock;

import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.function.Consumer;

import io.zkworkflow.internal.ZkRoot;
import io.zkworkflow.lock.internal.AcquireDeadline;
import io.zkworkflow.lock.internal.AcquireFailedException;
import io.zkworkflow.lock.internal.Acquired;
import io.zkworkflow.lock.internal.HeldLockRegistry;
import io.zkworkflow.lock.internal.LockLease;
import io.zkworkflow.lock.internal.LockLeases;
import io.zkworkflow.lock.internal.LockMetrics;
import io.zkworkflow.lock.internal.LockPaths;
import io.zkworkflow.lock.internal.LockedExecution;
import io.zkworkflow.lock.internal.SemaphoreAcquirer;
import io.zkworkflow.lock.internal.SequentialLockAcquirer;
import org.apache.curator.framework.CuratorFramework;
import org.jspecify.annotations.Nullable;

/**
 * Distributed locks from plain code, with the same semantics as {@link DistributedLocked}:
 * ordered waiting, loss detection, fencing tokens, same-thread reentrancy. Needs only a started
 * {@link CuratorFramework} and a {@link ZkRoot}:
 *
 * <pre class="code">
 * DistributedLockTemplate locks = new DistributedLockTemplate(curator, new ZkRoot("/zk-workflow"));
 * locks.execute(LockRequest.exclusive("orders").withKey(id).withWaitTime(Duration.ofSeconds(5)),
 *         () -&gt; store.write(data, LockContext.current().fencingToken()));
 * </pre>
 *
 * One template per client; close it when done (held locks are released).
 */
public final class DistributedLockTemplate implements AutoCloseable {

	private final LockPaths paths;

	private final HeldLockRegistry registry;

	private final SequentialLockAcquirer sequential;

	private final SemaphoreAcquirer semaphores;

	private final LockMetrics metrics;

	private final Duration operationTimeout;

	/**
	 * Create a template with default settings: no metrics, loss reported in the log only.
	 * @param curator a started client
	 * @param root the zk-workflow root
	 */
	public DistributedLockTemplate(CuratorFramework curator, ZkRoot root) {
		this(builder(curator, root));
	}

	private DistributedLockTemplate(Builder builder) {
		this.paths = new LockPaths(builder.root);
		this.metrics = builder.metrics;
		this.operationTimeout = builder.operationTimeout;
		this.registry = new HeldLockRegistry(builder.curator, builder.metrics, builder.lostListener, this);
		this.sequential = new SequentialLockAcquirer(builder.curator, builder.holderName);
		this.semaphores = new SemaphoreAcquirer(builder.curator);
	}

	/**
	 * Start building a template with non-default settings.
	 * @param curator a started client
	 * @param root the zk-workflow root
	 * @return the builder
	 */
	public static Builder builder(CuratorFramework curator, ZkRoot root) {
		return new Builder(curator, root);
	}

	/**
	 * Acquire a lock, waiting up to its {@code waitTime}. The handle becomes the current
	 * thread's {@link LockContext} until closed; close it on this thread.
	 * @param request what to lock
	 * @return the held lock
	 * @throws LockNotAcquiredException when not acquired in time
	 * @throws IllegalStateException when this thread holds the lock for READ and asks for WRITE
	 */
	public LockHandle acquire(LockRequest request) {
		LockLease reentered = LockLeases.reenter(this.registry, request);
		if (reentered != null) {
			return reentered;
		}
		LockMetrics.Acquisition acquisition = this.metrics.startAcquire(request.name(), request.mode());
		long start = System.nanoTime();
		AcquireDeadline deadline = new AcquireDeadline(request.waitTime(), this.operationTimeout);
		String dir = this.paths.lockDir(request.name(), request.key());
		try {
			Acquired node = switch (request.mode()) {
				case SEMAPHORE -> this.semaphores.acquire(dir, request.permits(), deadline);
				case READ -> this.sequential.acquire(dir, true, deadline);
				case EXCLUSIVE, WRITE -> this.sequential.acquire(dir, false, deadline);
			};
			acquisition.stop("acquired");
			return LockLeases.start(this.registry, request, node);
		}
		catch (AcquireFailedException ex) {
			acquisition.stop(ex.outcome().name().toLowerCase(java.util.Locale.ROOT));
			throw new LockNotAcquiredException(request.name(), request.key(), Duration.ofNanos(System.nanoTime() - start),
					ex.holder(), ex.getMessage(), ex.getCause());
		}
		catch (InterruptedException ex) {
			acquisition.stop("interrupted");
			Thread.currentThread().interrupt();
			throw new LockNotAcquiredException(request.name(), request.key(), Duration.ofNanos(System.nanoTime() - start),
					null, "interrupted while waiting", ex);
		}
	}

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
	@SuppressWarnings("unchecked")
	public <T> @Nullable T execute(LockRequest request, Callable<T> callback) throws Exception {
		LockLease lease = (LockLease) acquire(request);
		try {
			return (T) LockedExecution.run(lease, request.onLockLost(), callback::call);
		}
		catch (Exception | Error ex) {
			throw ex;
		}
		catch (Throwable ex) {
			throw new IllegalStateException(ex);
		}
	}

	/**
	 * Return the locks this template holds now (any thread), oldest first.
	 * @return the held locks
	 */
	public List<LockContext> heldLocks() {
		return List.copyOf(this.registry.heldLocks());
	}

	/**
	 * Return the znode paths this template uses.
	 * @return the paths
	 */
	public LockPaths paths() {
		return this.paths;
	}

	/**
	 * Release every held lock and stop watching the connection.
	 */
	@Override
	public void close() {
		this.registry.close();
	}

	/**
	 * Settings of a {@link DistributedLockTemplate}.
	 */
	public static final class Builder {

		private final CuratorFramework curator;

		private final ZkRoot root;

		private LockMetrics metrics = LockMetrics.NONE;

		private Consumer<LockLostEvent> lostListener = (event) -> {
		};

		private String holderName = ManagementFactory.getRuntimeMXBean().getName();

		private Duration operationTimeout = Duration.ofSeconds(5);

		private Builder(CuratorFramework curator, ZkRoot root) {
			this.curator = curator;
			this.root = root;
		}

		/**
		 * Where measurements go (default none).
		 * @param metrics the metrics
		 * @return this builder
		 */
		public Builder metrics(LockMetrics metrics) {
			this.metrics = metrics;
			return this;
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
		 */
		public DistributedLockTemplate build() {
			return new DistributedLockTemplate(this);
		}

	}

}

package io.zkworkflow.lock.internal;

import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.function.Consumer;

import io.zkworkflow.internal.EphemeralBudget;
import io.zkworkflow.internal.WorkingClient;
import io.zkworkflow.internal.ZkRoot;
import io.zkworkflow.lock.DistributedLockTemplate;
import io.zkworkflow.lock.LockContext;
import io.zkworkflow.lock.LockHandle;
import io.zkworkflow.lock.LockLostEvent;
import io.zkworkflow.lock.LockNotAcquiredException;
import io.zkworkflow.lock.LockRequest;
import org.apache.curator.framework.CuratorFramework;
import org.jspecify.annotations.Nullable;

/**
 * The {@link DistributedLockTemplate}: acquisition by mode, the held locks and their release.
 * Auto-configuration builds it with the instance's shared ephemeral budget and its metrics.
 */
public final class ZkLockTemplate implements DistributedLockTemplate {

	private final CuratorFramework curator;

	private final LockPaths paths;

	private final HeldLockRegistry registry;

	private final SequentialLockAcquirer sequential;

	private final SemaphoreAcquirer semaphores;

	private final LockMetrics metrics;

	private final Duration operationTimeout;

	private final @Nullable EphemeralBudget ownBudget;

	/**
	 * Create a template that counts its nodes in a budget shared with the rest of the instance.
	 * @param settings the settings
	 * @param budget the session's ephemeral budget, kept up to date by its owner
	 */
	public ZkLockTemplate(Settings settings, EphemeralBudget budget) {
		this(settings, budget, null);
	}

	private ZkLockTemplate(Settings settings, EphemeralBudget budget, @Nullable EphemeralBudget ownBudget) {
		this.curator = settings.curator();
		this.paths = new LockPaths(settings.root());
		this.metrics = settings.metrics();
		this.operationTimeout = settings.operationTimeout();
		this.registry = new HeldLockRegistry(settings.curator(), settings.metrics(), settings.lostListener(), this);
		this.sequential = new SequentialLockAcquirer(settings.curator(), settings.holderName(), budget);
		this.semaphores = new SemaphoreAcquirer(settings.curator(), budget);
		this.ownBudget = ownBudget;
	}

	/**
	 * Create a template with a budget of its own, which it follows the session for.
	 * @param settings the settings
	 * @param budget a budget nobody else uses
	 * @return the template
	 */
	public static ZkLockTemplate withOwnBudget(Settings settings, EphemeralBudget budget) {
		WorkingClient.addListener(settings.curator(), budget);
		return new ZkLockTemplate(settings, budget, budget);
	}

	@Override
	public LockHandle acquire(LockRequest request) {
		LockLease reentered = LockLeases.reenter(this.registry, request);
		if (reentered != null) {
			return reentered;
		}
		LockMetrics.Acquisition acquisition = this.metrics.startAcquire(request.name(), request.mode(), request.key());
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
			acquisition.stop(ex.outcome().name().toLowerCase(Locale.ROOT));
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

	@Override
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

	@Override
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

	@Override
	public void close() {
		this.registry.close();
		if (this.ownBudget != null) {
			WorkingClient.removeListener(this.curator, this.ownBudget);
		}
	}

	/**
	 * What a template is built from.
	 *
	 * @param curator a started client
	 * @param root the zk-workflow root
	 * @param metrics where measurements go
	 * @param lostListener who hears about lost locks
	 * @param holderName how other instances see this one as a holder
	 * @param operationTimeout longest wait for one ZooKeeper answer when the wait time is shorter
	 */
	public record Settings(CuratorFramework curator, ZkRoot root, LockMetrics metrics,
			Consumer<LockLostEvent> lostListener, String holderName, Duration operationTimeout) {
	}

}

package io.zkworkflow.lock.internal;

import java.util.List;

import org.springframework.core.Ordered;
import org.springframework.transaction.TransactionExecution;
import org.springframework.transaction.TransactionExecutionListener;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Rolls back a transaction that would commit while one of the locks it runs under is not
 * {@code HELD}. Registered when a lock is taken inside a transaction, and (as a
 * {@link TransactionExecutionListener}) when a transaction begins inside a lock.
 */
public final class LockTransactionGuard implements TransactionSynchronization {

	/** The listener that guards transactions begun while the thread holds locks. */
	public static final TransactionExecutionListener LISTENER = new TransactionExecutionListener() {

		@Override
		public void afterBegin(TransactionExecution transaction, Throwable beginFailure) {
			if (beginFailure == null) {
				registerIfActive(ThreadLocks.all());
			}
		}

	};

	private final List<HeldLock> locks;

	private LockTransactionGuard(List<HeldLock> locks) {
		this.locks = locks;
	}

	static void registerIfActive(List<HeldLock> locks) {
		if (!locks.isEmpty() && TransactionSynchronizationManager.isSynchronizationActive()) {
			TransactionSynchronizationManager.registerSynchronization(new LockTransactionGuard(List.copyOf(locks)));
		}
	}

	@Override
	public void beforeCommit(boolean readOnly) {
		for (HeldLock lock : this.locks) {
			lock.assertHeld();
		}
	}

	@Override
	public int getOrder() {
		return Ordered.HIGHEST_PRECEDENCE;
	}

}

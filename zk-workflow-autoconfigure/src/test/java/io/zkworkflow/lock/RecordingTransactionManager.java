package io.zkworkflow.lock;

import java.util.concurrent.atomic.AtomicInteger;

import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.AbstractPlatformTransactionManager;
import org.springframework.transaction.support.DefaultTransactionStatus;

/**
 * An in-memory transaction manager that counts commits and rollbacks.
 */
class RecordingTransactionManager extends AbstractPlatformTransactionManager {

	final AtomicInteger commits = new AtomicInteger();

	final AtomicInteger rollbacks = new AtomicInteger();

	@Override
	protected Object doGetTransaction() {
		return new Object();
	}

	@Override
	protected void doBegin(Object transaction, TransactionDefinition definition) {
	}

	@Override
	protected void doCommit(DefaultTransactionStatus status) {
		this.commits.incrementAndGet();
	}

	@Override
	protected void doRollback(DefaultTransactionStatus status) {
		this.rollbacks.incrementAndGet();
	}

}

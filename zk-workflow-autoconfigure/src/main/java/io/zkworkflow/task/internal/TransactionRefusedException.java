package io.zkworkflow.task.internal;

import org.apache.zookeeper.KeeperException;

/**
 * One transaction of a {@link MultiBatcher} batch was refused; {@link #failure()} is relative to that
 * transaction's own operations.
 */
final class TransactionRefusedException extends KeeperException {

	private final Transactions.Failure failure;

	private final String refusedPath;

	TransactionRefusedException(Transactions.Failure failure, String path) {
		super(failure.code());
		this.failure = failure;
		this.refusedPath = path;
	}

	Transactions.Failure failure() {
		return this.failure;
	}

	@Override
	public String getMessage() {
		return super.getMessage() + " for " + this.refusedPath + " (operation " + this.failure.index()
				+ " of its transaction)";
	}

}

package io.zkworkflow.task.internal;

import java.util.List;
import java.util.concurrent.CompletableFuture;

import org.apache.curator.framework.api.transaction.CuratorOp;
import org.apache.curator.framework.api.transaction.OperationType;
import org.apache.jute.Record;
import org.apache.zookeeper.proto.CreateRequest;
import org.apache.zookeeper.proto.SetDataRequest;

/**
 * One caller's transaction waiting in, or sent with, a {@link MultiBatcher} batch: its
 * operations, their size and the future its caller waits on.
 */
final class BatchedTransaction {

	final List<CuratorOp> ops;

	/** Paths and payload bytes, to keep a multi under ZooKeeper's request limit. */
	final int bytes;

	final CompletableFuture<Void> result = new CompletableFuture<>();

	/** How often a missing parent was created for it; guarded by the batcher. */
	int parentRetries;

	BatchedTransaction(List<CuratorOp> ops) {
		this.ops = ops;
		this.bytes = bytesOf(ops);
	}

	/** Whether one of its operations creates {@code path}. */
	boolean creates(String path) {
		return this.ops.stream()
			.anyMatch((op) -> op.getTypeAndPath().getType() == OperationType.CREATE
					&& op.getTypeAndPath().getForPath().equals(path));
	}

	private static int bytesOf(List<CuratorOp> ops) {
		int bytes = 0;
		for (CuratorOp op : ops) {
			Record request = op.get().toRequestRecord();
			byte[] data = (request instanceof CreateRequest create) ? create.getData()
					: (request instanceof SetDataRequest set) ? set.getData() : null;
			bytes += op.getTypeAndPath().getForPath().length() + ((data != null) ? data.length : 0);
		}
		return bytes;
	}

}

package io.zkworkflow.benchmarks.baseline;

import java.io.Closeable;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.apache.curator.framework.CuratorFramework;
import org.apache.curator.framework.recipes.queue.DistributedQueue;
import org.apache.curator.framework.recipes.queue.QueueBuilder;
import org.apache.curator.framework.recipes.queue.QueueConsumer;
import org.apache.curator.framework.state.ConnectionState;

import io.zkworkflow.benchmarks.BenchmarkContext;

/**
 * One Curator {@link DistributedQueue}: {@code --queue-consumers} consumers (default 1), each in
 * its own session like a separate instance, and a producer whose {@code put} returns once
 * ZooKeeper committed the item (not Curator's default background put, which returns before).
 * <p>
 * By default consumers use Curator's default mode, which deletes an item before consuming it
 * (at most once: an item is lost if the consumer dies). It is the fastest configuration measured
 * here, so ratios against it are conservative. {@code --queue-lock-path=true} switches to the
 * recoverable mode (a lock per item, deleted after consumption), which is slower.
 */
final class CuratorQueueRig implements Closeable {

	private final QueueLedger ledger;

	private final List<DistributedQueue<QueueItem>> consumers = new ArrayList<>();

	private final DistributedQueue<QueueItem> producer;

	private final String description;

	CuratorQueueRig(BenchmarkContext context, QueueLedger ledger) throws Exception {
		this.ledger = ledger;
		int consumerCount = context.options().positiveInt("queue-consumers", 1);
		String queuePath = context.path("queue");
		boolean recoverable = context.options().flag("queue-lock-path", false);
		for (int i = 0; i < consumerCount; i++) {
			QueueBuilder<QueueItem> builder = QueueBuilder
				.builder(context.newClient(), new LedgerConsumer(ledger), QueueItem.SERIALIZER, queuePath)
				.finalFlushTime(0, TimeUnit.MILLISECONDS);
			if (recoverable) {
				builder.lockPath(context.path("locks"));
			}
			DistributedQueue<QueueItem> consumer = builder.buildQueue();
			consumer.start();
			this.consumers.add(consumer);
		}
		this.description = consumerCount + ((consumerCount == 1) ? " consumer, " : " consumers, ")
				+ (recoverable ? "lock path (recoverable)" : "no lock path (Curator default, at most once)");
		CuratorFramework producerClient = context.newClient();
		this.producer = QueueBuilder.builder(producerClient, null, QueueItem.SERIALIZER, queuePath)
			.putInBackground(false)
			.finalFlushTime(0, TimeUnit.MILLISECONDS)
			.buildQueue();
		this.producer.start();
	}

	/** Put one item; returns once ZooKeeper committed it. */
	void put(long id) throws Exception {
		this.ledger.produced(id);
		this.producer.put(new QueueItem(id, System.nanoTime()));
	}

	/** How the queue is configured, for the report's notes. */
	String description() {
		return this.description;
	}

	@Override
	public void close() throws IOException {
		this.producer.close();
		for (DistributedQueue<QueueItem> consumer : this.consumers) {
			consumer.close();
		}
	}

	private static final class LedgerConsumer implements QueueConsumer<QueueItem> {

		private final QueueLedger ledger;

		LedgerConsumer(QueueLedger ledger) {
			this.ledger = ledger;
		}

		@Override
		public void consumeMessage(QueueItem item) {
			this.ledger.consumed(item);
		}

		@Override
		public void stateChanged(CuratorFramework client, ConnectionState newState) {
			// connection changes show up as failures or missing items
		}

	}

}

package io.zkworkflow.benchmarks.baseline;

import java.nio.ByteBuffer;

import org.apache.curator.framework.recipes.queue.QueueSerializer;

/**
 * An item put on a benchmark queue: a unique id (for the missing/duplicate ledger) and the
 * {@link System#nanoTime()} just before it was put (for latency; producer and consumers share
 * this JVM, so the clocks agree).
 *
 * @param id unique id
 * @param enqueuedNanos nano time just before the put
 */
public record QueueItem(long id, long enqueuedNanos) {

	/** Sixteen bytes on the wire. */
	static final QueueSerializer<QueueItem> SERIALIZER = new QueueSerializer<>() {

		@Override
		public byte[] serialize(QueueItem item) {
			return ByteBuffer.allocate(16).putLong(item.id()).putLong(item.enqueuedNanos()).array();
		}

		@Override
		public QueueItem deserialize(byte[] bytes) {
			ByteBuffer buffer = ByteBuffer.wrap(bytes);
			return new QueueItem(buffer.getLong(), buffer.getLong());
		}

	};

}

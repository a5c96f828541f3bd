package io.zkworkflow.benchmarks.baseline;

import java.nio.ByteBuffer;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.apache.curator.framework.CuratorFramework;
import org.apache.curator.framework.recipes.cache.ChildData;
import org.apache.curator.framework.recipes.cache.CuratorCache;
import org.apache.curator.framework.recipes.cache.CuratorCacheListener;
import org.jspecify.annotations.Nullable;

import io.zkworkflow.benchmarks.BenchmarkContext;
import io.zkworkflow.benchmarks.BenchmarkTable;
import io.zkworkflow.benchmarks.ClosedLoopSubject;
import io.zkworkflow.benchmarks.Worker;

/**
 * A raw {@link CuratorCache} listener: one session writes a znode with {@code setData}, another
 * session's cache listener sees the change. Latency runs from just before {@code setData} to the
 * listener callback; the next write starts once the previous one was seen, so there is no
 * queueing. The floor for live configuration propagation.
 */
public final class CuratorCacheListenerSubject extends ClosedLoopSubject {

	private static final long SEE_TIMEOUT_SECONDS = 10;

	private @Nullable CuratorFramework writer;

	private @Nullable CuratorCache cache;

	private String node = "";

	private long sequence;

	private volatile @Nullable Expected expected;

	@Override
	public String name() {
		return "curator.cache-listener";
	}

	@Override
	public String measurement() {
		return "setData in one session -> CuratorCache listener in another";
	}

	@Override
	public BenchmarkTable table() {
		return BenchmarkTable.PROPAGATION;
	}

	@Override
	public void setup(BenchmarkContext context) throws Exception {
		this.writer = context.newClient();
		this.node = context.persistentPath(this.writer, "watched");
		CuratorCache started = CuratorCache.build(context.newClient(), this.node);
		CountDownLatch initialized = new CountDownLatch(1);
		started.listenable()
			.addListener(CuratorCacheListener.builder()
				.forChanges((before, after) -> seen(after))
				.forInitialized(initialized::countDown)
				.build());
		started.start();
		this.cache = started;
		if (!initialized.await(30, TimeUnit.SECONDS)) {
			throw new IllegalStateException("CuratorCache on " + this.node + " did not initialize within 30 s");
		}
	}

	private void seen(ChildData data) {
		long now = System.nanoTime();
		Expected waiting = this.expected;
		if (waiting != null && data.getData() != null && data.getData().length == 8
				&& ByteBuffer.wrap(data.getData()).getLong() == waiting.sequence()) {
			waiting.seenAt().complete(now);
		}
	}

	@Override
	protected void operation(Worker worker) throws Exception {
		CuratorFramework client = this.writer;
		if (client == null) {
			throw new IllegalStateException("setup() did not run: no writer");
		}
		Expected next = new Expected(++this.sequence, new CompletableFuture<>());
		this.expected = next;
		client.setData().forPath(this.node, ByteBuffer.allocate(8).putLong(next.sequence()).array());
		try {
			worker.markEnd(next.seenAt().get(SEE_TIMEOUT_SECONDS, TimeUnit.SECONDS));
		}
		catch (TimeoutException ex) {
			throw new IllegalStateException("CuratorCache listener did not see write #" + next.sequence() + " of "
					+ this.node + " within " + SEE_TIMEOUT_SECONDS + " s", ex);
		}
	}

	@Override
	public void tearDown() {
		if (this.cache != null) {
			this.cache.close();
		}
	}

	private record Expected(long sequence, CompletableFuture<Long> seenAt) {
	}

}

package io.zkworkflow.reliability;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import io.zkworkflow.reliability.HistoryEvent.Type;
import org.apache.zookeeper.CreateMode;

/**
 * Writes {@code reliability.items} items as persistent sequential znodes (Curator's protected
 * mode, so a create retried after a connection loss finds its own node instead of making a
 * second one) under {@code {root}/reliability/items/b-NNNN/} (a thousand per bucket), one every
 * {@code reliability.interval} (0: back to back). The stand-in for task submission until the
 * task engine lands: an acknowledged create is a {@code SUBMIT}; a create that fails is a
 * {@code SUBMIT_FAILED} (it may or may not exist) and the writer waits for the connection to
 * come back before the next item.
 */
final class ItemWriter implements Workload {

	static final int BUCKET_SIZE = 1000;

	@Override
	public void run(WorkerContext worker) throws Exception {
		int count = worker.property("reliability.items", Integer.class, 1000);
		Duration interval = worker.property("reliability.interval", Duration.class, Duration.ZERO);
		AtomicInteger next = new AtomicInteger();
		if (interval.isZero()) {
			while (next.get() < count) {
				write(worker, next.getAndIncrement());
			}
			return;
		}
		CompletableFuture<Void> done = new CompletableFuture<>();
		ScheduledExecutorService pacer = Executors.newSingleThreadScheduledExecutor();
		try {
			pacer.scheduleWithFixedDelay(() -> {
				try {
					if (next.get() >= count) {
						done.complete(null);
					}
					else {
						write(worker, next.getAndIncrement());
					}
				}
				catch (Throwable ex) {
					done.completeExceptionally(ex);
				}
			}, 0, interval.toNanos(), TimeUnit.NANOSECONDS);
			done.get();
		}
		finally {
			pacer.shutdownNow();
		}
	}

	private void write(WorkerContext worker, int index) throws InterruptedException {
		String item = worker.id() + "-" + "%07d".formatted(index);
		String bucket = "b-" + "%04d".formatted(index / BUCKET_SIZE);
		try {
			String path = worker.curator()
				.create()
				.creatingParentsIfNeeded()
				.withProtection()
				.withMode(CreateMode.PERSISTENT_SEQUENTIAL)
				.forPath(worker.root().resolve("reliability", "items", bucket, "item-"),
						item.getBytes(StandardCharsets.UTF_8));
			worker.history().record(Type.SUBMIT, item, null, path);
		}
		catch (InterruptedException ex) {
			throw ex;
		}
		catch (Exception ex) {
			worker.history().record(Type.SUBMIT_FAILED, item, null, ex.toString());
			worker.curator().blockUntilConnected();
		}
	}

}

package io.zkworkflow.benchmarks.capability;

import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import io.zkworkflow.benchmarks.BenchmarkContext;
import io.zkworkflow.benchmarks.BenchmarkTable;
import io.zkworkflow.benchmarks.ClosedLoopSubject;
import io.zkworkflow.benchmarks.Figures;
import io.zkworkflow.benchmarks.Worker;
import io.zkworkflow.test.ZkInstances;
import org.HdrHistogram.Histogram;
import org.apache.curator.framework.CuratorFramework;
import org.apache.curator.framework.recipes.cache.CuratorCache;
import org.apache.curator.framework.recipes.cache.CuratorCacheListener;
import org.jspecify.annotations.Nullable;

/**
 * Live configuration propagation: one session writes a key's znode with {@code setData}; an
 * application instance (its own session) applies it through a {@code @ZkConfigValue} setter,
 * which runs on the apply thread and records {@link System#nanoTime()}. Timed from just before
 * {@code setData} to the setter call; the next write waits for it.
 * <p>
 * A raw {@link CuratorCache} listener in a third session watches the same znode, and every
 * write also waits for it, so the note gives a paired comparison on the very same writes (the
 * table's ratio is against the {@code curator.cache-listener} subject, run separately).
 */
public final class ConfigPropagationSubject extends ClosedLoopSubject {

	private static final long SEE_TIMEOUT_SECONDS = 10;

	private final Histogram setterLatencies = new Histogram(3);

	private final Histogram rawLatencies = new Histogram(3);

	private @Nullable ZkInstances instances;

	private @Nullable CuratorFramework writer;

	private @Nullable CuratorCache rawCache;

	private String node = "";

	private long sequence;

	private volatile @Nullable Expected expected;

	@Override
	public String name() {
		return "zkworkflow.config-propagation";
	}

	@Override
	public String measurement() {
		return "setData in one session -> @ZkConfigValue setter called in an app instance";
	}

	@Override
	public BenchmarkTable table() {
		return BenchmarkTable.PROPAGATION;
	}

	@Override
	public void setup(BenchmarkContext context) throws Exception {
		CuratorFramework client = context.newClient();
		this.writer = client;
		String root = context.path("config");
		this.node = root + "/" + ConfigApps.APPLICATION + "/" + ConfigApps.SEQUENCE_KEY;
		client.create().creatingParentsIfNeeded().forPath(this.node, "0".getBytes(StandardCharsets.UTF_8));
		ConfigApps.onSequence = (value, nanos) -> {
			Expected waiting = this.expected;
			if (waiting != null && waiting.sequence() == value) {
				waiting.setterAt().complete(nanos);
			}
		};
		ZkInstances apps = AppInstances.on(context.connectString());
		this.instances = apps;
		apps.start(ConfigApps.app(), "spring.application.name=" + ConfigApps.APPLICATION,
				"zk-workflow.config.root=" + root, "zk-workflow.root-path=" + context.path("zk-workflow"));
		CuratorCache cache = CuratorCache.build(context.newClient(), this.node);
		CountDownLatch initialized = new CountDownLatch(1);
		cache.listenable()
			.addListener(CuratorCacheListener.builder()
				.forChanges((before, after) -> rawSeen(after.getData()))
				.forInitialized(initialized::countDown)
				.build());
		cache.start();
		this.rawCache = cache;
		if (!initialized.await(30, TimeUnit.SECONDS)) {
			throw new IllegalStateException("CuratorCache on " + this.node + " did not initialize within 30 s");
		}
	}

	private void rawSeen(byte @Nullable [] data) {
		long now = System.nanoTime();
		Expected waiting = this.expected;
		if (waiting != null && data != null
				&& new String(data, StandardCharsets.UTF_8).equals(Long.toString(waiting.sequence()))) {
			waiting.rawAt().complete(now);
		}
	}

	@Override
	protected void operation(Worker worker) throws Exception {
		CuratorFramework client = this.writer;
		if (client == null) {
			throw new IllegalStateException("setup() did not run: no writer");
		}
		Expected next = new Expected(++this.sequence, new CompletableFuture<>(), new CompletableFuture<>());
		this.expected = next;
		long start = System.nanoTime();
		client.setData().forPath(this.node, Long.toString(next.sequence()).getBytes(StandardCharsets.UTF_8));
		try {
			long setterAt = next.setterAt().get(SEE_TIMEOUT_SECONDS, TimeUnit.SECONDS);
			long rawAt = next.rawAt().get(SEE_TIMEOUT_SECONDS, TimeUnit.SECONDS);
			worker.markEnd(setterAt);
			this.setterLatencies.recordValue(Math.max(0, setterAt - start));
			this.rawLatencies.recordValue(Math.max(0, rawAt - start));
		}
		catch (TimeoutException ex) {
			throw new IllegalStateException("Write #" + next.sequence() + " of " + this.node
					+ " was not applied to the @ZkConfigValue setter and seen by the raw cache within "
					+ SEE_TIMEOUT_SECONDS + " s", ex);
		}
	}

	@Override
	protected String note() {
		long rawP50 = this.rawLatencies.getValueAtPercentile(50);
		long rawP99 = this.rawLatencies.getValueAtPercentile(99);
		return String.format("1 thread; paired raw CuratorCache listener on the same znode and writes (warm-up "
				+ "included): p50 %s ms, p99 %s ms; setter / raw: p50 %.2fx, p99 %.2fx",
				Figures.millis(rawP50), Figures.millis(rawP99),
				this.setterLatencies.getValueAtPercentile(50) / (double) Math.max(1, rawP50),
				this.setterLatencies.getValueAtPercentile(99) / (double) Math.max(1, rawP99));
	}

	@Override
	public void tearDown() {
		ConfigApps.reset();
		if (this.rawCache != null) {
			this.rawCache.close();
		}
		if (this.instances != null) {
			this.instances.close();
		}
	}

	private record Expected(long sequence, CompletableFuture<Long> setterAt, CompletableFuture<Long> rawAt) {
	}

}

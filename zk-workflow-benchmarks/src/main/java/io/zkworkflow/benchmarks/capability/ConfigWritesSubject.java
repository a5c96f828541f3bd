package io.zkworkflow.benchmarks.capability;

import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import io.zkworkflow.benchmarks.BenchmarkContext;
import io.zkworkflow.benchmarks.TransactionCountSubject;
import io.zkworkflow.config.ZkConfigTemplate;
import io.zkworkflow.test.ZkInstances;
import org.HdrHistogram.Histogram;
import org.jspecify.annotations.Nullable;

/**
 * ZooKeeper transactions per configuration change: {@value #INSTANCES} application instances
 * (own sessions) apply a {@code @ZkConfigValue} key, and the first one publishes a new value
 * with {@link ZkConfigTemplate}; a change is done once every instance's setter got it. Either one
 * key ({@code publish(key, value)}) or two keys in one versioned transaction
 * ({@code publish(Map, version)}). Latency is publish to the last instance's setter.
 */
public final class ConfigWritesSubject extends TransactionCountSubject {

	static final int INSTANCES = 3;

	private static final int CHANGES_PER_BATCH = 20;

	private final String name;

	private final boolean twoKeys;

	private volatile Pending pending = new Pending(-1, new CountDownLatch(0));

	private @Nullable ZkInstances instances;

	private @Nullable ZkConfigTemplate template;

	private long sequence;

	private ConfigWritesSubject(String name, boolean twoKeys) {
		this.name = name;
		this.twoKeys = twoKeys;
	}

	/**
	 * One key published and applied in every instance.
	 * @return the subject
	 */
	public static ConfigWritesSubject oneKey() {
		return new ConfigWritesSubject("zkworkflow.writes-config-one-key", false);
	}

	/**
	 * Two keys published together in one versioned transaction.
	 * @return the subject
	 */
	public static ConfigWritesSubject twoKeysAtomic() {
		return new ConfigWritesSubject("zkworkflow.writes-config-two-keys-atomic", true);
	}

	@Override
	public String name() {
		return this.name;
	}

	@Override
	public String measurement() {
		return "ZkConfigTemplate.publish -> setter called in " + INSTANCES
				+ " instances: ZooKeeper transactions per change";
	}

	@Override
	protected void start(BenchmarkContext context) {
		ConfigApps.onSequence = (value, nanos) -> {
			Pending waiting = this.pending;
			if (value == waiting.value()) {
				waiting.instances().countDown();
			}
		};
		ZkInstances apps = AppInstances.on(context.connectString());
		this.instances = apps;
		String root = context.path("config");
		for (int i = 0; i < INSTANCES; i++) {
			apps.start(ConfigApps.app(), "spring.application.name=" + ConfigApps.APPLICATION,
					"zk-workflow.config.root=" + root, "zk-workflow.root-path=" + context.path("zk-workflow"));
		}
		this.template = apps.get(0).getBean(ZkConfigTemplate.class);
	}

	@Override
	protected long batch(Histogram latencies) throws InterruptedException {
		ZkConfigTemplate publisher = this.template;
		if (publisher == null) {
			throw new IllegalStateException("setup() did not run: no template");
		}
		for (int i = 0; i < CHANGES_PER_BATCH; i++) {
			long value = ++this.sequence;
			Pending change = new Pending(value, new CountDownLatch(INSTANCES));
			this.pending = change;
			long start = System.nanoTime();
			if (this.twoKeys) {
				publisher.publish(Map.of(ConfigApps.SEQUENCE_KEY, value, ConfigApps.BURST_KEY, value), -1);
			}
			else {
				publisher.publish(ConfigApps.SEQUENCE_KEY, value);
			}
			if (!change.instances().await(30, TimeUnit.SECONDS)) {
				throw new IllegalStateException("Value " + value + " of " + ConfigApps.SEQUENCE_KEY + " was applied in "
						+ (INSTANCES - change.instances().getCount()) + " of " + INSTANCES + " instances within 30 s");
			}
			latencies.recordValue(System.nanoTime() - start);
		}
		return CHANGES_PER_BATCH;
	}

	@Override
	protected String describe() {
		return (this.twoKeys ? "2 keys in one transaction" : "1 key") + ", applied in " + INSTANCES
				+ " Spring contexts, one change at a time";
	}

	@Override
	public void tearDown() {
		ConfigApps.reset();
		if (this.instances != null) {
			this.instances.close();
		}
	}

	private record Pending(long value, CountDownLatch instances) {
	}

}

package io.zkworkflow.reliability;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import io.zkworkflow.reliability.HistoryEvent.Type;
import org.apache.curator.framework.CuratorFramework;
import org.apache.zookeeper.KeeperException;

/**
 * Publishes the sample's pricing rules ({@value #KEY}, a JSON document validated by Bean
 * Validation in every instance) with raw ZooKeeper writes, one every {@code interval}, each
 * value distinct. Every fifth value is valid JSON that breaks a rule (a discount above 0.5), and
 * every fifth another kind of bad input (a lower-case currency, malformed JSON, a string where a
 * number belongs); the rest are valid. A write is recorded as {@code CONFIG_PUBLISH} once
 * ZooKeeper acknowledged it.
 */
final class ConfigPublisher implements AutoCloseable {

	/** The key of the sample's pricing rules. */
	static final String KEY = "orders.pricing";

	/** The znode of that key in the sample application's context. */
	static final String PATH = "/config/zk-workflow-sample/" + KEY;

	private final CuratorFramework client;

	private final HistoryRecorder history;

	private final ScheduledExecutorService pacer = Executors.newSingleThreadScheduledExecutor();

	private final AtomicInteger next = new AtomicInteger(1);

	private final Set<String> invalid = ConcurrentHashMap.newKeySet();

	private volatile String lastValid = "";

	ConfigPublisher(CuratorFramework client, HistoryRecorder history) {
		this.client = client;
		this.history = history;
	}

	/**
	 * Publish in the background until {@link #close()}.
	 * @param interval the pause between two publications
	 */
	void start(Duration interval) {
		this.pacer.scheduleWithFixedDelay(() -> publish(this.next.getAndIncrement()), 0, interval.toMillis(),
				TimeUnit.MILLISECONDS);
	}

	/**
	 * Stop the background publications and publish one last valid value.
	 * @return the last value
	 */
	String finish() throws InterruptedException {
		this.pacer.shutdown();
		this.pacer.awaitTermination(1, TimeUnit.MINUTES);
		int n = this.next.getAndIncrement();
		while (n % 5 == 3 || n % 5 == 4) {
			n = this.next.getAndIncrement();
		}
		publish(n);
		return this.lastValid;
	}

	/** The invalid values published, as written. */
	Set<String> invalid() {
		return Set.copyOf(this.invalid);
	}

	int published() {
		return this.next.get() - 1;
	}

	private void publish(int n) {
		String value = value(n);
		byte[] data = value.getBytes(StandardCharsets.UTF_8);
		try {
			try {
				this.client.setData().forPath(PATH, data);
			}
			catch (KeeperException.NoNodeException ex) {
				this.client.create().creatingParentsIfNeeded().forPath(PATH, data);
			}
		}
		catch (Exception ex) {
			// not acknowledged: it may or may not be there; a later value replaces it either way
			this.history.record(Type.FAULT, "publish-failed", null, value + ": " + ex);
			return;
		}
		if (n % 5 == 3 || n % 5 == 4) {
			this.invalid.add(value);
		}
		else {
			this.lastValid = value;
		}
		this.history.record(Type.CONFIG_PUBLISH, KEY, null, value);
	}

	private static String value(int n) {
		String rate = "0.%05d".formatted(n % 50_000);
		return switch (n % 5) {
			case 3 -> "{\"discountRate\":0.9%05d,\"currency\":\"EUR\"}".formatted(n);
			case 4 -> switch ((n / 5) % 3) {
				case 0 -> "{\"discountRate\":" + rate + ",\"currency\":\"eur\"}";
				case 1 -> "{\"discountRate\":" + rate + ",\"currency\":";
				default -> "{\"discountRate\":\"cheap-" + n + "\",\"currency\":\"EUR\"}";
			};
			default -> "{\"discountRate\":" + rate + ",\"currency\":\"EUR\"}";
		};
	}

	@Override
	public void close() {
		this.pacer.shutdownNow();
	}

}

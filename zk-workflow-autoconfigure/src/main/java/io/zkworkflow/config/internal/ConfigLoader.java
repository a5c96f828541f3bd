package io.zkworkflow.config.internal;

import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;

import io.zkworkflow.internal.WorkingClient;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.apache.curator.CuratorZookeeperClient;
import org.apache.curator.framework.CuratorFramework;
import org.apache.curator.framework.imps.CuratorFrameworkState;
import org.jspecify.annotations.Nullable;

import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.context.SmartLifecycle;

/**
 * Loads live configuration once the context is refreshed, before the application is ready:
 * puts the live PropertySource into the Environment, loads it from ZooKeeper (waiting at most
 * {@code initial-load-timeout} once connected) or else from the snapshot file, gives every
 * injection point created so far its value and rebinds the {@code @ConfigurationProperties}
 * beans the loaded keys touch. Nothing calls into ZooKeeper before this starts, so an
 * application's own {@code CuratorFramework} bean is never used while beans are created.
 * <p>
 * A client that nobody started by then is started here; one that cannot be used (stopped, or
 * not a working client) is left alone, and the application starts with the snapshot or the
 * defaults.
 */
public final class ConfigLoader implements SmartInitializingSingleton, SmartLifecycle {

	/** Early, so that values are in place before the web server and the task engines start. */
	public static final int PHASE = Integer.MIN_VALUE + 2000;

	private static final Log logger = LogFactory.getLog(ConfigLoader.class);

	private final ConfigApplier applier;

	private final ConfigBinder binder;

	private volatile boolean running;

	private boolean loaded;

	public ConfigLoader(ConfigApplier applier, ConfigBinder binder) {
		this.applier = applier;
		this.binder = binder;
	}

	@Override
	public void afterSingletonsInstantiated() {
		this.applier.singletonsReady();
	}

	@Override
	public synchronized void start() {
		this.running = true;
		if (this.loaded) {
			return;
		}
		this.loaded = true;
		ConfigApplierSettings settings = this.applier.settings();
		this.applier.checker().useValidators(settings.validators().get());
		settings.environment().getPropertySources().addFirst(settings.propertySource());
		if (loadFromZooKeeper(settings)) {
			this.applier.drainAndWait();
		}
		else {
			loadSnapshot(settings);
		}
		this.binder.bindWaiting();
		rebindConfigurationProperties(settings);
		this.applier.goLive();
	}

	private boolean loadFromZooKeeper(ConfigApplierSettings settings) {
		Duration timeout = settings.options().initialLoadTimeout();
		CuratorFramework curator = usableClient(settings.curator().get(), timeout);
		if (curator == null) {
			return false;
		}
		try {
			this.applier.tree().start(curator);
			return isConnected(curator) && this.applier.tree().awaitContexts(timeout);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return false;
		}
		catch (RuntimeException ex) {
			logger.warn("Could not watch the configuration in ZooKeeper: " + ex, ex);
			return false;
		}
	}

	private static @Nullable CuratorFramework usableClient(CuratorFramework curator, Duration timeout) {
		if (!WorkingClient.isWorking(curator)) {
			// the root initializer has said so: configuration starts with the snapshot or the defaults
			return null;
		}
		try {
			boolean startedHere = curator.getState() == CuratorFrameworkState.LATENT;
			if (startedHere) {
				start(curator);
			}
			CuratorFrameworkState state = curator.getState();
			if (state != CuratorFrameworkState.STARTED) {
				logger.warn("The CuratorFramework bean cannot be used (its state is " + state + ", not STARTED): live "
						+ "configuration starts with the snapshot file or the defaults. Define a client that can be "
						+ "started, or let spring-cloud-zookeeper build it.");
				return null;
			}
			// spring-cloud-zookeeper has already waited for the client it built; a client started
			// here gets the initial load timeout to connect
			if (startedHere) {
				curator.blockUntilConnected((int) Math.max(1, timeout.toMillis()), TimeUnit.MILLISECONDS);
			}
			return curator;
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return curator;
		}
		catch (RuntimeException ex) {
			logger.warn("The CuratorFramework bean cannot be used (" + ex + "); live configuration starts with the "
					+ "snapshot file or the defaults.", ex);
			return null;
		}
	}

	private static void start(CuratorFramework curator) {
		logger.info("The CuratorFramework bean was not started when the context was refreshed; starting it.");
		try {
			curator.start();
		}
		catch (IllegalStateException ex) {
			// started by someone else meanwhile
		}
	}

	/**
	 * Whether the client is connected; {@code false} for a client that cannot tell.
	 * @param curator the client
	 * @return whether it is connected
	 */
	static boolean isConnected(CuratorFramework curator) {
		CuratorZookeeperClient client = curator.getZookeeperClient();
		return client != null && client.isConnected();
	}

	private void loadSnapshot(ConfigApplierSettings settings) {
		Map<String, RawEntry> entries = SnapshotFile.readAtStartup(settings.snapshot(), settings.paths().contexts());
		if (entries != null) {
			ConfigState state = this.applier.state();
			// degraded only while serving snapshot values; without a snapshot the defaults apply
			state.source(ConfigSource.SNAPSHOT);
			synchronized (state.lock()) {
				state.applied(entries);
				settings.propertySource().update(state.applied());
			}
		}
	}

	/**
	 * The beans were bound from the local configuration while the context was created: bind
	 * them again with the loaded values, after a trial bind so that a value that breaks one
	 * fails startup as it would have failed the bean.
	 */
	private void rebindConfigurationProperties(ConfigApplierSettings settings) {
		Map<String, RawEntry> applied = this.applier.state().applied();
		Set<String> keys = new TreeSet<>();
		applied.keySet().stream().filter((key) -> !key.startsWith("/")).forEach(keys::add);
		if (keys.isEmpty()) {
			return;
		}
		String problem = settings.configurationProperties().check(keys, ConfigDiff.propertyValues(applied));
		if (problem != null) {
			throw new IllegalStateException("The configuration loaded at startup is invalid: " + problem
					+ ". Publish a valid value.");
		}
		settings.configurationProperties().changed(keys, settings.propertySource());
	}

	@Override
	public void stop() {
		this.running = false;
	}

	@Override
	public boolean isRunning() {
		return this.running;
	}

	@Override
	public int getPhase() {
		return PHASE;
	}

}

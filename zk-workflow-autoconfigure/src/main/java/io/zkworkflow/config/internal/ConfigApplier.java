package io.zkworkflow.config.internal;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;

import io.zkworkflow.config.ConfigSource;
import io.zkworkflow.config.ZkConfigChangeEvent;
import io.zkworkflow.config.ZkConfigValidator;
import io.zkworkflow.config.ZkConfigValue.OnInvalid;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.apache.curator.framework.CuratorFramework;
import org.jspecify.annotations.Nullable;

/**
 * The apply pipeline. Curator's cache events only wake it; on its one dedicated thread it reads
 * the latest consistent state of the tree, and for every changed unit (a key, or a document
 * znode) converts and validates the value for every injection point, runs the
 * {@link ZkConfigValidator} beans and trial-binds {@code @ConfigurationProperties}; only then
 * does it swap the PropertySource snapshot and update the injection points, in znode order. A
 * refused unit keeps its last good value everywhere. Listeners are notified afterwards, off
 * this thread.
 */
public final class ConfigApplier implements AutoCloseable {

	private static final Log logger = LogFactory.getLog(ConfigApplier.class);

	private final ConfigApplierSettings settings;

	private final ConfigTree tree;

	private final ScheduledExecutorService applyThread;

	private final AtomicBoolean drainQueued = new AtomicBoolean();

	private volatile long firstSignalNanos;

	private final Object lock = new Object();

	private volatile Map<String, RawEntry> applied = Map.of();

	private final Map<String, List<ConfigBinding>> bindings = new ConcurrentHashMap<>();

	private final ChangeNotifier notifier;

	private final Map<String, KeyStatus> statuses = new ConcurrentHashMap<>();

	private final Set<String> fellBack = ConcurrentHashMap.newKeySet();

	private final KeyChecker checker;

	private volatile ConfigSource source = ConfigSource.ZOOKEEPER;

	private volatile boolean started;

	private volatile boolean singletonsReady;

	public ConfigApplier(ConfigApplierSettings settings) {
		this.settings = settings;
		this.notifier = new ChangeNotifier(settings);
		this.checker = new KeyChecker(this.bindings, settings.configurationProperties());
		this.tree = new ConfigTree(settings.curator(), settings.paths().contexts(), this::signal,
				new DocumentParser(settings.jsonMapper()), new ContextManifest(settings.jsonMapper()),
				Duration.ofSeconds(2));
		this.applyThread = Executors.newSingleThreadScheduledExecutor((task) -> {
			Thread thread = new Thread(task, "zk-config-apply");
			thread.setDaemon(true);
			return thread;
		});
	}

	/**
	 * Put the live PropertySource into the Environment and load it: from ZooKeeper (waiting at
	 * most {@code initial-load-timeout} once connected), else from the snapshot file. Called
	 * once, before the application's singletons are created.
	 */
	public void start() {
		if (this.started) {
			return;
		}
		this.checker.useValidators(this.settings.validators().get());
		this.started = true;
		this.settings.environment().getPropertySources().addFirst(this.settings.propertySource());
		this.tree.start();
		boolean loaded = false;
		CuratorFramework curator = this.settings.curator();
		if (curator.getZookeeperClient().isConnected()) {
			try {
				loaded = this.tree.awaitContexts(this.settings.properties().getInitialLoadTimeout());
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
		}
		if (loaded) {
			runOnApplyThread(this::drain);
		}
		else {
			loadSnapshot();
		}
	}

	private void loadSnapshot() {
		Map<String, RawEntry> entries = SnapshotFile.readAtStartup(this.settings.snapshot(), this.tree.contexts());
		if (entries != null) {
			// degraded only while serving snapshot values; without a snapshot the defaults apply
			this.source = ConfigSource.SNAPSHOT;
			synchronized (this.lock) {
				this.applied = Map.copyOf(entries);
				this.settings.propertySource().update(this.applied);
			}
		}
	}

	void signal() {
		if (this.drainQueued.compareAndSet(false, true)) {
			this.firstSignalNanos = System.nanoTime();
			try {
				this.applyThread.execute(this::drain);
			}
			catch (RuntimeException ex) {
				this.drainQueued.set(false);
			}
		}
	}

	private void drain() {
		this.drainQueued.set(false);
		long since = this.firstSignalNanos;
		try {
			TreeView view = this.tree.read(this.applied);
			if (view == null) {
				return;
			}
			synchronized (this.lock) {
				applyView(view, since);
			}
			if (view.waiting()) {
				this.applyThread.schedule(this::signal, 20, TimeUnit.MILLISECONDS);
			}
		}
		catch (RuntimeException ex) {
			logger.error("Applying configuration from ZooKeeper failed; will retry on the next change", ex);
		}
	}

	private void applyView(TreeView view, long since) {
		if (this.source == ConfigSource.SNAPSHOT) {
			this.source = ConfigSource.ZOOKEEPER;
			logger.info("ZooKeeper configuration loaded; the snapshot values are replaced by the live ones.");
		}
		Map<String, RawEntry> current = this.applied;
		Map<String, RawEntry> candidate = view.entries();
		for (TreeView.BrokenUnit broken : view.broken()) {
			this.settings.rejections().record(broken.path(), broken.path(), broken.version(), null, broken.problem(),
					status(broken.path()), metrics());
		}
		Map<String, List<String>> units = ConfigDiff.changedUnits(current, candidate, this.fellBack);
		Map<String, RawEntry> next = new HashMap<>(candidate);
		List<KeyChecker.Prepared> toApply = new ArrayList<>();
		List<ZkConfigChangeEvent> changes = new ArrayList<>();
		Function<String, @Nullable String> lookup = (key) -> ConfigDiff.valueOf(next, key);
		for (Map.Entry<String, List<String>> unit : units.entrySet()) {
			List<String> problems = new ArrayList<>();
			List<KeyChecker.Prepared> prepared = new ArrayList<>();
			List<ConfigBinding> failed = new ArrayList<>();
			for (String key : unit.getValue()) {
				this.checker.check(key, ConfigDiff.valueOf(candidate, key), lookup, problems, prepared, failed);
			}
			if (problems.isEmpty() && this.singletonsReady) {
				String problem = this.settings.configurationProperties().check(new HashSet<>(unit.getValue()),
						ConfigDiff.propertyValues(next));
				if (problem != null) {
					problems.add(problem);
				}
			}
			if (problems.isEmpty()) {
				toApply.addAll(prepared);
				unit.getValue().forEach((key) -> changes.add(ConfigDiff.change(key, current.get(key), candidate.get(key),
						this.settings.sensitiveKeys().isSensitive(key))));
			}
			else {
				reject(unit.getValue(), current, candidate, next, String.join("; ", problems));
				failed.forEach((binding) -> fallback(binding, toApply));
			}
		}
		Map<String, RawEntry> accepted = Map.copyOf(next);
		boolean valuesChanged = !changes.isEmpty();
		this.applied = accepted;
		if (valuesChanged) {
			this.settings.propertySource().update(accepted);
		}
		for (KeyChecker.Prepared prepared : toApply) {
			try {
				prepared.binding().apply(prepared.value());
			}
			catch (RuntimeException ex) {
				logger.warn("Could not apply configuration to " + prepared.binding().description() + ": " + ex, ex);
			}
		}
		if (valuesChanged) {
			afterApply(changes, accepted, since);
		}
	}


	private void reject(List<String> keys, Map<String, RawEntry> current, Map<String, RawEntry> candidate,
			Map<String, RawEntry> next, String reason) {
		String first = keys.get(0);
		RawEntry entry = (candidate.get(first) != null) ? candidate.get(first) : current.get(first);
		String path = (entry != null) ? entry.unitId() : first;
		int version = (candidate.get(first) != null) ? candidate.get(first).version() : -1;
		String key = (keys.size() == 1) ? first : path;
		String raw = (keys.size() == 1) ? ConfigDiff.valueOf(candidate, first) : "(document)";
		this.settings.rejections().record(key, path, version, raw, reason, status(first), metrics());
		for (String each : keys) {
			status(each).lastRejection = status(first).lastRejection;
			RawEntry previous = current.get(each);
			if (previous != null) {
				next.put(each, previous);
			}
			else {
				next.remove(each);
			}
		}
	}

	private void fallback(ConfigBinding binding, List<KeyChecker.Prepared> toApply) {
		try {
			toApply.add(new KeyChecker.Prepared(binding, binding.prepareFallback()));
			binding.keys().forEach(this.fellBack::add);
		}
		catch (RuntimeException ex) {
			logger.warn("The default of " + binding.description() + " is invalid too: " + KeyChecker.message(ex));
		}
	}

	private void afterApply(List<ZkConfigChangeEvent> changes, Map<String, RawEntry> accepted, long since) {
		Instant now = Instant.now();
		Set<String> keys = new TreeSet<>();
		for (ZkConfigChangeEvent change : changes) {
			keys.add(change.key());
			status(change.key()).lastApplied = now;
			this.fellBack.remove(change.key());
		}
		this.notifier.changed(changes, keys, accepted, this.singletonsReady);
		metrics().applied(changes.size(), System.nanoTime() - since);
	}

	/**
	 * Register an injection point and give it its current value.
	 * @param binding the injection point
	 * @throws IllegalStateException when a required key has no value, or a value present at
	 * startup is invalid for an {@code onInvalid = FAIL} injection point
	 */
	void bind(ConfigBinding binding) {
		binding.keys().stream().filter((key) -> key.startsWith("/")).forEach(this::watchExact);
		synchronized (this.lock) {
			Map<String, RawEntry> current = this.applied;
			if (binding instanceof ZkConfigValueBinding zk && zk.annotation().required() && !zk.hasDefault()
					&& current.get(zk.key()) == null) {
				throw new IllegalStateException(this.settings.missingRequiredKey(zk.key(), binding.description()));
			}
			try {
				binding.apply(binding.prepare((key) -> ConfigDiff.valueOf(current, key)));
			}
			catch (RuntimeException ex) {
				if (binding instanceof ZkConfigValueBinding zk && zk.annotation().onInvalid() == OnInvalid.FAIL) {
					throw new IllegalStateException("Configuration key '" + zk.key() + "' has an invalid value for "
							+ binding.description() + " (onInvalid = FAIL): " + KeyChecker.message(ex)
							+ ". Publish a valid value, or choose another onInvalid policy.", ex);
				}
				String key = binding.keys().iterator().next();
				RawEntry entry = current.get(key);
				this.settings.rejections().record(key, (entry != null) ? entry.path() : key,
						(entry != null) ? entry.version() : -1, ConfigDiff.valueOf(current, key),
						binding.description() + " " + KeyChecker.message(ex), status(key), metrics());
				List<KeyChecker.Prepared> fallback = new ArrayList<>();
				fallback(binding, fallback);
				fallback.forEach((prepared) -> prepared.binding().apply(prepared.value()));
			}
			for (String key : binding.keys()) {
				this.bindings.computeIfAbsent(key, (k) -> new CopyOnWriteArrayList<>()).add(binding);
			}
		}
	}

	private void watchExact(String path) {
		CountDownLatch loaded = this.tree.watchExact(path);
		if (this.settings.curator().getZookeeperClient().isConnected()) {
			try {
				loaded.await(this.settings.properties().getInitialLoadTimeout().toMillis(), TimeUnit.MILLISECONDS);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
			runOnApplyThread(this::drain);
		}
	}

	void addListener(ListenerMethod listener) {
		this.notifier.add(listener);
	}

	void unbind(Object bean) {
		this.bindings.values().forEach((list) -> list.removeIf((binding) -> binding.bean() == bean));
		this.notifier.remove(bean);
	}

	boolean isBound(Object bean) {
		return this.notifier.has(bean) || this.bindings.values()
			.stream()
			.anyMatch((list) -> list.stream().anyMatch((binding) -> binding.bean() == bean));
	}

	/**
	 * Check values about to be published against this instance's injection points and
	 * validators, without applying anything.
	 * @param values the keys and raw values to publish ({@code null} to delete)
	 * @return the problems, empty when the values are acceptable
	 */
	public List<String> check(Map<String, @Nullable String> values) {
		return this.checker.checkPublish(this.applied, values, this.singletonsReady);
	}

	/**
	 * Called once every singleton exists: from now on the apply thread may look beans up
	 * (before, it could wait for a singleton the startup thread is creating while that thread
	 * waits for it).
	 */
	public void singletonsReady() {
		this.singletonsReady = true;
		this.settings.configurationProperties().refreshBeans();
		this.settings.rejections().ready();
	}

	private ConfigMetrics metrics() {
		return this.singletonsReady ? this.settings.metrics() : ConfigMetrics.NONE;
	}

	private KeyStatus status(String key) {
		return this.statuses.computeIfAbsent(key, (k) -> new KeyStatus());
	}


	private void runOnApplyThread(Runnable task) {
		try {
			this.applyThread.submit(task).get(this.settings.properties().getInitialLoadTimeout().toMillis() + 1000,
					TimeUnit.MILLISECONDS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
		catch (ExecutionException | TimeoutException ex) {
			logger.warn("Loading configuration from ZooKeeper did not finish: " + ex);
		}
	}


	ConfigSource source() {
		return this.source;
	}

	Map<String, RawEntry> applied() {
		return this.applied;
	}

	Map<String, KeyStatus> statuses() {
		return this.statuses;
	}

	Map<String, List<ConfigBinding>> bindings() {
		return this.bindings;
	}

	/**
	 * Return the collaborators this applier works with.
	 * @return the settings
	 */
	public ConfigApplierSettings settings() {
		return this.settings;
	}

	@Override
	public void close() {
		this.applyThread.shutdownNow();
		this.tree.close();
		this.settings.dispatcher().close();
	}

}

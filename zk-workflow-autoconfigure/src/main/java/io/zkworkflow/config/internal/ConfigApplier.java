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
import java.util.function.Function;

import io.zkworkflow.config.ZkConfigChangeEvent;
import io.zkworkflow.config.ZkConfigValidator;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
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

	private final ConfigState state = new ConfigState();

	private final ConfigBindings bindings = new ConfigBindings();

	private final ConfigTree tree;

	private final ApplyThread applyThread;

	private final ChangeNotifier notifier;

	private final KeyChecker checker;

	private volatile boolean live;

	public ConfigApplier(ConfigApplierSettings settings) {
		this.settings = settings;
		this.notifier = new ChangeNotifier(settings);
		this.checker = new KeyChecker(this.bindings.byKey(), settings.configurationProperties());
		this.applyThread = new ApplyThread(this::drain);
		this.tree = new ConfigTree(settings.paths().contexts(), this.applyThread::signal,
				new DocumentParser(settings.jsonMapper()), new ContextManifest(settings.jsonMapper()),
				Duration.ofSeconds(2));
	}

	/** Apply the tree as loaded at startup, waiting for it. */
	void drainAndWait() {
		this.applyThread.drainAndWait(this.settings.options().initialLoadTimeout().plusSeconds(1));
	}

	private void drain(long since) {
		try {
			TreeView view = this.tree.read(this.state.applied());
			if (view == null) {
				return;
			}
			synchronized (this.state.lock()) {
				applyView(view, since);
			}
			if (view.waiting()) {
				this.applyThread.signalSoon();
			}
		}
		catch (RuntimeException ex) {
			logger.error("Applying configuration from ZooKeeper failed; will retry on the next change", ex);
		}
	}

	private void applyView(TreeView view, long since) {
		if (this.state.source() == ConfigSource.SNAPSHOT) {
			this.state.source(ConfigSource.ZOOKEEPER);
			logger.info("ZooKeeper configuration loaded; the snapshot values are replaced by the live ones.");
		}
		Map<String, RawEntry> current = this.state.applied();
		Map<String, RawEntry> candidate = view.entries();
		for (TreeView.BrokenUnit broken : view.broken()) {
			this.settings.rejections().record(broken.path(), broken.path(), broken.version(), null, broken.problem(),
					this.state.status(broken.path()), metrics(), true);
		}
		Map<String, List<String>> units = ConfigDiff.changedUnits(current, candidate, this.state.fellBack());
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
			if (problems.isEmpty() && this.live) {
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
		ConfigMetrics.Apply observed = valuesChanged
				? metrics().startApply(changes.stream().map(ZkConfigChangeEvent::key).sorted().toList())
				: ConfigMetrics.Apply.NONE;
		try {
			this.state.applied(accepted);
			if (valuesChanged) {
				this.settings.propertySource().update(accepted);
			}
			for (KeyChecker.Prepared prepared : toApply) {
				try {
					prepared.binding().apply(prepared.value());
				}
				catch (RuntimeException ex) {
					logger.warn("Could not apply configuration to " + prepared.binding().description() + ": " + ex,
							ex);
				}
			}
			if (valuesChanged) {
				afterApply(changes, accepted, since);
			}
		}
		finally {
			observed.stop();
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
		this.settings.rejections().record(key, path, version, raw, reason, this.state.status(first), metrics());
		for (String each : keys) {
			this.state.status(each).lastRejection = this.state.status(first).lastRejection;
			RawEntry previous = current.get(each);
			if (previous != null) {
				next.put(each, previous);
			}
			else {
				next.remove(each);
			}
		}
	}

	/**
	 * Give an injection point whose value was refused what it falls back to.
	 * @param binding the injection point
	 * @param toApply where the fallback value goes
	 */
	void fallback(ConfigBinding binding, List<KeyChecker.Prepared> toApply) {
		try {
			toApply.add(new KeyChecker.Prepared(binding, binding.prepareFallback()));
			binding.keys().forEach(this.state.fellBack()::add);
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
			this.state.status(change.key()).lastApplied = now;
			this.state.fellBack().remove(change.key());
		}
		this.notifier.changed(changes, keys, accepted, this.live);
		metrics().applied(changes.size(), System.nanoTime() - since);
	}

	/**
	 * Check values about to be published against this instance's injection points and
	 * validators, without applying anything.
	 * @param values the keys and raw values to publish ({@code null} to delete)
	 * @return the problems, empty when the values are acceptable
	 */
	public List<String> check(Map<String, @Nullable String> values) {
		return this.checker.checkPublish(this.state.applied(), values, this.live);
	}

	/**
	 * Called once every singleton exists: from now on beans may be looked up (before, the
	 * lookup could wait for a singleton the startup thread is creating while that thread waits
	 * for it).
	 */
	public void singletonsReady() {
		this.settings.configurationProperties().refreshBeans();
		this.settings.rejections().ready();
	}

	/**
	 * Called once the startup load is over and every injection point has its value: from now on
	 * changes are counted, trial-bound into {@code @ConfigurationProperties} beans and rebind them.
	 */
	void goLive() {
		this.live = true;
	}

	ConfigMetrics metrics() {
		return this.live ? this.settings.metrics() : ConfigMetrics.NONE;
	}

	ConfigState state() {
		return this.state;
	}

	ConfigBindings bindings() {
		return this.bindings;
	}

	ConfigTree tree() {
		return this.tree;
	}

	KeyChecker checker() {
		return this.checker;
	}

	ChangeNotifier notifier() {
		return this.notifier;
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
		this.applyThread.close();
		this.tree.close();
		this.settings.dispatcher().close();
	}

}

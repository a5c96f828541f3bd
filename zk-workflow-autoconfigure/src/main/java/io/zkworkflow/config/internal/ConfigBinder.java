package io.zkworkflow.config.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import io.zkworkflow.config.ZkConfigValue.OnInvalid;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

/**
 * Gives injection points their values as beans are created. Until the startup load is over
 * (the context is being refreshed) an injection point gets its default and waits; the load
 * then gives each one its value, failing startup for a required key without a value or an
 * invalid value under {@code onInvalid = FAIL}, exactly as an injection point created later
 * is bound at once.
 */
public final class ConfigBinder {

	private static final Log logger = LogFactory.getLog(ConfigBinder.class);

	private final ConfigApplier applier;

	private final List<Waiting> waiting = new ArrayList<>();

	private final List<ListenerMethod> waitingListeners = new ArrayList<>();

	private boolean loaded;

	public ConfigBinder(ConfigApplier applier) {
		this.applier = applier;
	}

	/**
	 * Register an injection point and give it its current value (its default before the
	 * startup load).
	 * @param binding the injection point
	 * @param keep whether it follows changes (a singleton's), or only gets its value once
	 * @throws IllegalStateException when a required key has no value, or a value present at
	 * startup is invalid for an {@code onInvalid = FAIL} injection point
	 */
	void bind(ConfigBinding binding, boolean keep) {
		synchronized (this.waiting) {
			if (!this.loaded) {
				giveDefault(binding);
				this.waiting.add(new Waiting(binding, keep));
				return;
			}
		}
		bindNow(binding, keep);
	}

	void addListener(ListenerMethod listener) {
		synchronized (this.waiting) {
			if (!this.loaded) {
				this.waitingListeners.add(listener);
				return;
			}
		}
		this.applier.notifier().add(listener);
	}

	/**
	 * Bind every injection point and listener that waited for the startup load.
	 * @throws IllegalStateException as {@link #bind} does
	 */
	void bindWaiting() {
		List<Waiting> bindings;
		List<ListenerMethod> listeners;
		synchronized (this.waiting) {
			this.loaded = true;
			bindings = List.copyOf(this.waiting);
			listeners = List.copyOf(this.waitingListeners);
			this.waiting.clear();
			this.waitingListeners.clear();
		}
		bindings.forEach((each) -> bindNow(each.binding(), each.keep()));
		listeners.forEach(this.applier.notifier()::add);
	}

	void unbind(Object bean) {
		synchronized (this.waiting) {
			this.waiting.removeIf((each) -> each.binding().bean() == bean);
			this.waitingListeners.removeIf((listener) -> listener.bean() == bean);
		}
		this.applier.bindings().remove(bean);
		this.applier.notifier().remove(bean);
	}

	boolean isBound(Object bean) {
		synchronized (this.waiting) {
			if (this.waiting.stream().anyMatch((each) -> each.keep() && each.binding().bean() == bean)
					|| this.waitingListeners.stream().anyMatch((listener) -> listener.bean() == bean)) {
				return true;
			}
		}
		return this.applier.notifier().has(bean) || this.applier.bindings().has(bean);
	}

	ConfigApplierSettings settings() {
		return this.applier.settings();
	}

	// so that code running while beans are created sees the default rather than no value
	private static void giveDefault(ConfigBinding binding) {
		if (binding instanceof ZkConfigValueBinding) {
			try {
				binding.apply(binding.prepare((key) -> null));
			}
			catch (RuntimeException ex) {
				logger.debug("No default for " + binding.description() + " before the configuration is loaded: " + ex);
			}
		}
	}

	private void bindNow(ConfigBinding binding, boolean keep) {
		binding.keys().stream().filter((key) -> key.startsWith("/")).forEach(this::watchExact);
		ConfigState state = this.applier.state();
		ConfigApplierSettings settings = this.applier.settings();
		synchronized (state.lock()) {
			Map<String, RawEntry> current = state.applied();
			if (binding instanceof ZkConfigValueBinding zk && zk.annotation().required() && !zk.hasDefault()
					&& current.get(zk.key()) == null) {
				throw new IllegalStateException(settings.missingRequiredKey(zk.key(), binding.description()));
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
				settings.rejections().record(key, (entry != null) ? entry.path() : key,
						(entry != null) ? entry.version() : -1, ConfigDiff.valueOf(current, key),
						binding.description() + " " + KeyChecker.message(ex), state.status(key), this.applier.metrics());
				List<KeyChecker.Prepared> fallback = new ArrayList<>();
				this.applier.fallback(binding, fallback);
				fallback.forEach((prepared) -> prepared.binding().apply(prepared.value()));
			}
			if (keep) {
				this.applier.bindings().add(binding);
			}
		}
	}

	private void watchExact(String path) {
		CountDownLatch loaded = this.applier.tree().watchExact(path);
		if (loaded == null || !ConfigLoader.isConnected(settings().curator().get())) {
			return;
		}
		try {
			loaded.await(settings().options().initialLoadTimeout().toMillis(), TimeUnit.MILLISECONDS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
		this.applier.drainAndWait();
	}

	private record Waiting(ConfigBinding binding, boolean keep) {
	}

}

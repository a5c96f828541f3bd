package io.zkworkflow.config.internal;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;

import io.zkworkflow.config.ZkConfigChangeEvent;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

/**
 * What follows an accepted change, once the values are in place: rebinding
 * {@code @ConfigurationProperties} beans, notifying {@code @ZkConfigListener}s (off the apply
 * thread) and writing the snapshot file.
 */
final class ChangeNotifier {

	private static final Log logger = LogFactory.getLog(ChangeNotifier.class);

	private final ConfigApplierSettings settings;

	private final List<ListenerMethod> listeners = new CopyOnWriteArrayList<>();

	ChangeNotifier(ConfigApplierSettings settings) {
		this.settings = settings;
	}

	void add(ListenerMethod listener) {
		this.listeners.add(listener);
	}

	void remove(Object bean) {
		this.listeners.removeIf((listener) -> listener.bean() == bean);
	}

	boolean has(Object bean) {
		return this.listeners.stream().anyMatch((listener) -> listener.bean() == bean);
	}

	/**
	 * Follow up accepted changes.
	 * @param changes the accepted changes
	 * @param keys their keys
	 * @param accepted the whole accepted state
	 * @param beansReady whether the startup load is over, so that beans may be rebound
	 */
	void changed(List<ZkConfigChangeEvent> changes, Set<String> keys, Map<String, RawEntry> accepted,
			boolean beansReady) {
		if (beansReady) {
			try {
				this.settings.configurationProperties().changed(keys, this.settings.propertySource());
			}
			catch (RuntimeException ex) {
				logger.warn("Rebinding @ConfigurationProperties beans for " + keys + " failed: " + ex, ex);
			}
		}
		for (ListenerMethod listener : this.listeners) {
			for (ZkConfigChangeEvent change : changes) {
				if (listener.accepts(change.key())) {
					this.settings.dispatcher().dispatch(listener, listener.description(), () -> listener.invoke(change));
				}
			}
		}
		SnapshotFile snapshot = this.settings.snapshot();
		if (snapshot != null) {
			try {
				snapshot.write(accepted);
			}
			catch (Exception ex) {
				logger.warn("Could not write the configuration snapshot " + snapshot.path() + ": " + ex);
			}
		}
	}

}

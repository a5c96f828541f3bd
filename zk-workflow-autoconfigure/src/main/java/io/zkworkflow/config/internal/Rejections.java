package io.zkworkflow.config.internal;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.zkworkflow.config.ZkConfigRejectedEvent;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import org.springframework.context.ApplicationEventPublisher;

/**
 * Records refused values: one WARN per znode version (a refused value is re-read on every
 * unrelated change, and must not flood the log), a {@link ZkConfigRejectedEvent}, the metric,
 * and the key's status for the actuator. Values are masked for sensitive keys.
 */
final class Rejections {

	private static final Log logger = LogFactory.getLog(Rejections.class);

	private final ApplicationEventPublisher events;

	private final SensitiveKeys sensitiveKeys;

	private final Set<String> warned = Collections.newSetFromMap(new LinkedHashMap<>(64, 0.75f, false) {
		@Override
		protected boolean removeEldestEntry(Map.Entry<String, Boolean> eldest) {
			return size() > 10_000;
		}
	});

	private final List<ZkConfigRejectedEvent> early = new ArrayList<>();

	private boolean ready;

	Rejections(ApplicationEventPublisher events, SensitiveKeys sensitiveKeys) {
		this.events = events;
		this.sensitiveKeys = sensitiveKeys;
	}

	/**
	 * Record a refusal, once per znode version.
	 * @return whether this version was refused for the first time
	 */
	boolean record(String key, String znodePath, int znodeVersion, @Nullable String rawValue, String reason,
			KeyStatus status, ConfigMetrics metrics) {
		return record(key, znodePath, znodeVersion, rawValue, reason, status, metrics, false);
	}

	/**
	 * Record a refusal, once per znode version.
	 * @param unreadable whether the znode could not be read as configuration at all
	 * @return whether this version was refused for the first time
	 */
	boolean record(String key, String znodePath, int znodeVersion, @Nullable String rawValue, String reason,
			KeyStatus status, ConfigMetrics metrics, boolean unreadable) {
		String shown = (rawValue != null) ? this.sensitiveKeys.mask(key, rawValue) : "(deleted)";
		String id = key + "@" + znodePath + "@" + znodeVersion + "@" + reason.hashCode();
		synchronized (this.warned) {
			if (!this.warned.add(id)) {
				return false;
			}
		}
		logger.warn("Refused configuration value for '" + key + "' from znode " + znodePath + " (version "
				+ znodeVersion + ", value " + shown + "): " + reason
				+ ". The last good value stays in use; publish a corrected value to fix it.");
		status.lastRejection = new KeyStatus.Rejection(String.valueOf(shown), znodePath, znodeVersion, reason,
				Instant.now());
		metrics.rejected(key, znodePath, znodeVersion, reason, unreadable);
		publish(new ZkConfigRejectedEvent(this, key, znodePath, znodeVersion, String.valueOf(shown), reason));
		return true;
	}

	private void publish(ZkConfigRejectedEvent event) {
		synchronized (this.early) {
			if (!this.ready) {
				this.early.add(event);
				return;
			}
		}
		this.events.publishEvent(event);
	}

	/** Publish the events held back while singletons were being created, and stop holding. */
	void ready() {
		List<ZkConfigRejectedEvent> held;
		synchronized (this.early) {
			this.ready = true;
			held = List.copyOf(this.early);
			this.early.clear();
		}
		held.forEach(this.events::publishEvent);
	}

}

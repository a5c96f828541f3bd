package io.zkworkflow.config;

import org.jspecify.annotations.Nullable;

/**
 * An accepted change of one configuration key, given to {@link ZkConfigListener} methods.
 * {@link #toString()} masks sensitive values; the accessors return them as they are.
 *
 * @param key the property key, or the absolute znode path for exact-znode keys
 * @param oldValue the previous raw value, {@code null} when there was none
 * @param newValue the new raw value, {@code null} when the znode was deleted
 * @param znodePath the znode the new value came from (the deleted one for a deletion)
 * @param znodeVersion the znode's data version, {@code -1} for a deletion
 * @param sensitive whether the key is sensitive (masked in logs and the actuator)
 */
public record ZkConfigChangeEvent(String key, @Nullable String oldValue, @Nullable String newValue, String znodePath,
		int znodeVersion, boolean sensitive) {

	/**
	 * Whether the znode was deleted.
	 * @return {@code true} for a deletion
	 */
	public boolean deleted() {
		return this.newValue == null;
	}

	@Override
	public String toString() {
		return "ZkConfigChangeEvent[key=" + this.key + ", oldValue=" + shown(this.oldValue) + ", newValue="
				+ shown(this.newValue) + ", znode=" + this.znodePath + ", version=" + this.znodeVersion + "]";
	}

	private @Nullable String shown(@Nullable String value) {
		return (value == null || !this.sensitive) ? value : "******";
	}

}

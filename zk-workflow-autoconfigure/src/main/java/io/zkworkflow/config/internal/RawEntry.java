package io.zkworkflow.config.internal;

import org.jspecify.annotations.Nullable;

/**
 * One key's raw value as read from ZooKeeper (or the snapshot file).
 *
 * @param value the text value
 * @param path the znode it came from
 * @param version the znode's data version
 * @param mzxid the zxid of the znode's last change, used to order and group changes
 * @param unit the document znode the key belongs to, {@code null} for a znode of its own
 */
public record RawEntry(String value, String path, int version, long mzxid, @Nullable String unit) {

	/**
	 * Return the id of the unit this key is applied with: its document, or its own znode.
	 * @return the unit id
	 */
	public String unitId() {
		return (this.unit != null) ? this.unit : this.path;
	}

}

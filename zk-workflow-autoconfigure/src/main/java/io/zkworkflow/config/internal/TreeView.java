package io.zkworkflow.config.internal;

import java.util.List;
import java.util.Map;

/**
 * A consistent read of the configuration tree, merged over the contexts (later wins).
 *
 * @param entries every key's raw entry; exact-znode keys are keyed by their path
 * @param broken document znodes that could not be parsed (their keys keep their last value)
 * @param waiting whether a context was held back because a transaction is still arriving
 */
record TreeView(Map<String, RawEntry> entries, List<BrokenUnit> broken, boolean waiting) {

	/**
	 * A document znode that could not be parsed.
	 *
	 * @param path the znode path
	 * @param version the znode's data version
	 * @param problem what is malformed
	 */
	record BrokenUnit(String path, int version, String problem) {
	}

}

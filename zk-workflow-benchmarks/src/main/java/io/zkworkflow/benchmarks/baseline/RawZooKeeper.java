package io.zkworkflow.benchmarks.baseline;

import org.apache.zookeeper.ZooKeeper;
import org.jspecify.annotations.Nullable;

/** Access to the raw ZooKeeper handle a subject took from its Curator client in setup. */
final class RawZooKeeper {

	private RawZooKeeper() {
	}

	static ZooKeeper required(@Nullable ZooKeeper zooKeeper) {
		if (zooKeeper == null) {
			throw new IllegalStateException("setup() did not run: no ZooKeeper handle");
		}
		return zooKeeper;
	}

}

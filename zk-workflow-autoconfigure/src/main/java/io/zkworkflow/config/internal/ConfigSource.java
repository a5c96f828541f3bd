package io.zkworkflow.config.internal;

/** Where the configuration currently in use came from. */
enum ConfigSource {

	/** Live from ZooKeeper. */
	ZOOKEEPER,

	/**
	 * From the snapshot file, because ZooKeeper was unreachable at startup; replaced by the live
	 * values once connected.
	 */
	SNAPSHOT,

	/** The declared default: no znode holds the key. */
	DEFAULT

}

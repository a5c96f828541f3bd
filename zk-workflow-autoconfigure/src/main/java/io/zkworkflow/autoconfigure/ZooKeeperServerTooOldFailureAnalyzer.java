package io.zkworkflow.autoconfigure;

import io.zkworkflow.internal.ZooKeeperServerTooOldException;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/**
 * Explains a startup that failed because the ZooKeeper server is older than 3.6 and so has
 * no persistent watches.
 */
class ZooKeeperServerTooOldFailureAnalyzer extends AbstractFailureAnalyzer<ZooKeeperServerTooOldException> {

	@Override
	protected FailureAnalysis analyze(Throwable rootFailure, ZooKeeperServerTooOldException cause) {
		String description = "The ZooKeeper server at '" + cause.getConnectString() + "' runs "
				+ ZooKeeperServerTooOldException.describe(cause.getServerVersion())
				+ ", which does not support persistent watches (addWatch). zk-workflow needs ZooKeeper "
				+ ZooKeeperServerTooOldException.MINIMUM_VERSION + " or later.";
		String action = """
				Upgrade the ZooKeeper servers to 3.6 or later (3.8 and 3.9 are the maintained lines), \
				or point spring.cloud.zookeeper.connect-string at an ensemble that runs 3.6 or later.
				Only the servers need upgrading: the client library that zk-workflow brings already supports them.""";
		return new FailureAnalysis(description, action, cause);
	}

}

package io.zkworkflow.autoconfigure;

import io.zkworkflow.internal.ZooKeeperUnreachableException;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/**
 * Explains a startup that failed because ZooKeeper could not be reached, and the ways out.
 */
class ZooKeeperUnreachableFailureAnalyzer extends AbstractFailureAnalyzer<ZooKeeperUnreachableException> {

	@Override
	protected FailureAnalysis analyze(Throwable rootFailure, ZooKeeperUnreachableException cause) {
		String description = "zk-workflow could not reach ZooKeeper at '" + cause.getConnectString() + "' within "
				+ cause.getWaited() + ", and zk-workflow.fail-fast is true.";
		String action = """
				Do one of the following:
				\t1. Start ZooKeeper at %s (or check that a firewall lets the application reach it).
				\t2. Fix the connect string: set spring.cloud.zookeeper.connect-string to your ensemble, for example 'zk1:2181,zk2:2181,zk3:2181'.
				\t3. For development, run an in-process server: add the io.zkworkflow:zk-workflow-embedded module and set zk-workflow.embedded.enabled=true; it starts one before the client connects.
				To start without ZooKeeper and report DOWN until it is reachable, set zk-workflow.fail-fast=false."""
			.formatted(cause.getConnectString());
		return new FailureAnalysis(description, action, cause);
	}

}

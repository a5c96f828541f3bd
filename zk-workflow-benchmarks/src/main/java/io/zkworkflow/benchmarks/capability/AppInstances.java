package io.zkworkflow.benchmarks.capability;

import io.zkworkflow.test.ZkInstances;

/**
 * Application instances for a subject, like separate processes of one fleet: each a Spring
 * context with its own ZooKeeper session, pointed at the run's ZooKeeper, with the generous
 * timeouts of a loaded machine and no startup logging.
 */
final class AppInstances {

	static {
		// the harness owns logging (logback.xml: errors only, on standard error)
		System.setProperty("org.springframework.boot.logging.LoggingSystem", "none");
	}

	private AppInstances() {
	}

	/**
	 * Instances on the run's ZooKeeper; {@link ZkInstances#close()} closes them newest first.
	 * @param connectString the run's connect string
	 * @return the instances, none started yet
	 */
	static ZkInstances on(String connectString) {
		return ZkInstances.on(connectString)
			.properties("spring.cloud.zookeeper.session-timeout=30s", "spring.cloud.zookeeper.connection-timeout=15s",
					"spring.main.log-startup-info=false");
	}

}

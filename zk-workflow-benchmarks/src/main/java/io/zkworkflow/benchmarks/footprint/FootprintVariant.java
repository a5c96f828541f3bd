package io.zkworkflow.benchmarks.footprint;

import java.util.List;

/**
 * One minimal application of the footprint table: its module under
 * {@code zk-workflow-benchmarks/footprint}, what it runs with, and what its classpath must not hold.
 *
 * @param module the variant module's directory name
 * @param label the table's first column
 * @param needsServer whether the parent's ZooKeeper is passed to it
 * @param arguments application arguments of its own
 * @param forbiddenJars jar name prefixes its classpath must not hold
 * @param expectedCheck what its check line must contain
 */
record FootprintVariant(String module, String label, boolean needsServer, List<String> arguments,
		List<String> forbiddenJars, List<String> expectedCheck) {

	/**
	 * Spring Cloud's auto-registration listens for the web server's event; on Spring Boot 4 that
	 * class lives in the web server module, which an application without a web server lacks, and
	 * the context fails to start unless auto-registration is off.
	 */
	static final String NO_AUTO_REGISTRATION = "--spring.cloud.service-registry.auto-registration.enabled=false";

	static List<FootprintVariant> all() {
		return List.of(
				new FootprintVariant("plain", "Plain Boot (`spring-boot-starter`)", false, List.of(),
						List.of("zk-workflow-", "spring-cloud-", "curator-", "zookeeper-"), List.of("zookeeper=absent")),
				new FootprintVariant("discovery", "Discovery only (`spring-cloud-starter-zookeeper-discovery`)", true,
						List.of(NO_AUTO_REGISTRATION), List.of("zk-workflow-"),
						List.of("registered=/services/footprint-discovery/", "discovery-client-instances=1")),
				new FootprintVariant("starter", "`zk-workflow-starter`", true, List.of(NO_AUTO_REGISTRATION),
						List.of("zk-workflow-embedded", "zk-workflow-test", "curator-test"),
						List.of("registered=/services/footprint-starter/", "discovery-client-instances=1",
								"lock-fencing-token=")),
				new FootprintVariant("embedded", "`zk-workflow-starter` + `zk-workflow-embedded` (server on)", false,
						List.of(NO_AUTO_REGISTRATION, "--zk-workflow.embedded.enabled=true", "--zk-workflow.embedded.port=0"),
						List.of("zk-workflow-test", "curator-test"),
						List.of("registered=/services/footprint-embedded/", "discovery-client-instances=1",
								"lock-fencing-token=")));
	}

	String applicationName() {
		return "footprint-" + this.module;
	}

}

package io.zkworkflow.autoconfigure.actuate;

import org.jspecify.annotations.Nullable;

import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.Environment;
import org.springframework.core.env.PropertySource;

/**
 * Finds the in-process ZooKeeper that zk-workflow-embedded started, without depending on that
 * module: its environment post-processor puts the server's connect string first in the
 * environment, in a property source of a known name.
 */
final class EmbeddedServer {

	/** Same as {@code EmbeddedZooKeeperEnvironmentPostProcessor.PROPERTY_SOURCE_NAME}. */
	static final String PROPERTY_SOURCE_NAME = "zkWorkflowEmbeddedZooKeeper";

	private static final String CONNECT_STRING = "spring.cloud.zookeeper.connect-string";

	private EmbeddedServer() {
	}

	/**
	 * Return the connect string of the embedded server.
	 * @param environment the application's environment
	 * @return the connect string, or {@code null} when no embedded server runs
	 */
	static @Nullable String connectString(Environment environment) {
		if (!(environment instanceof ConfigurableEnvironment configurable)) {
			return null;
		}
		PropertySource<?> source = configurable.getPropertySources().get(PROPERTY_SOURCE_NAME);
		Object connectString = (source != null) ? source.getProperty(CONNECT_STRING) : null;
		return (connectString != null) ? connectString.toString() : null;
	}

}

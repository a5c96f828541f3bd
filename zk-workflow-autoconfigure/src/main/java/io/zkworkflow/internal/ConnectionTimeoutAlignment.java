package io.zkworkflow.internal;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.apache.curator.framework.CuratorFrameworkFactory;

import org.springframework.cloud.zookeeper.CuratorFrameworkCustomizer;

/**
 * Keeps the connection timeout within the session timeout when the application set only the
 * session timeout. spring-cloud-zookeeper's connection timeout defaults to 15 s; with a shorter
 * session (4 s is common in tests and for fast failover) Curator logs "session timeout is less
 * than connection timeout" at startup, and a connection attempt may outlive the session it is
 * meant to keep. A connection timeout the application sets explicitly is left as it is.
 */
public final class ConnectionTimeoutAlignment implements CuratorFrameworkCustomizer {

	private static final Log logger = LogFactory.getLog(ConnectionTimeoutAlignment.class);

	private final boolean connectionTimeoutSet;

	/**
	 * Create the alignment.
	 * @param connectionTimeoutSet whether the application set
	 * {@code spring.cloud.zookeeper.connection-timeout} itself
	 */
	public ConnectionTimeoutAlignment(boolean connectionTimeoutSet) {
		this.connectionTimeoutSet = connectionTimeoutSet;
	}

	@Override
	public void customize(CuratorFrameworkFactory.Builder builder) {
		int session = builder.getSessionTimeoutMs();
		int connection = builder.getConnectionTimeoutMs();
		if (this.connectionTimeoutSet || connection <= session) {
			return;
		}
		builder.connectionTimeoutMs(session);
		if (logger.isDebugEnabled()) {
			logger.debug("Connection timeout lowered from " + connection + " ms to the session timeout, " + session
					+ " ms; set spring.cloud.zookeeper.connection-timeout to choose another");
		}
	}

}

package io.zkworkflow.internal;

import java.util.LinkedHashMap;
import java.util.Map;

import org.apache.curator.CuratorZookeeperClient;
import org.apache.curator.framework.CuratorFramework;

/**
 * Describes the client's session from local state only (no ZooKeeper round trip), for health
 * and the actuator endpoint.
 */
public final class SessionDescription {

	private SessionDescription() {
	}

	/**
	 * Describe the session: {@code connected}, {@code state}, {@code connectString} and, when
	 * connected, {@code sessionId} in hex.
	 * @param curator the client
	 * @return an ordered, JSON-friendly map
	 */
	public static Map<String, Object> of(CuratorFramework curator) {
		CuratorZookeeperClient client = curator.getZookeeperClient();
		Map<String, Object> result = new LinkedHashMap<>();
		boolean connected = client.isConnected();
		result.put("connected", connected);
		result.put("state", curator.getState().name());
		result.put("connectString", client.getCurrentConnectionString());
		if (connected) {
			try {
				result.put("sessionId", "0x" + Long.toHexString(client.getZooKeeper().getSessionId()));
			}
			catch (Exception ex) {
				// the connection went away between the two calls
			}
		}
		return result;
	}

}

package io.zkworkflow.autoconfigure;

import org.springframework.boot.autoconfigure.service.connection.ConnectionDetails;

/**
 * Where ZooKeeper is, when a connection is provided by something other than
 * {@code spring.cloud.zookeeper.connect-string}, for example a Testcontainers
 * {@code @ServiceConnection}. When such a bean exists, the client connects to it.
 */
public interface ZooKeeperConnectionDetails extends ConnectionDetails {

	/**
	 * Return the ZooKeeper connect string ({@code host:port[,host:port...]}).
	 * @return the connect string
	 */
	String getConnectString();

}

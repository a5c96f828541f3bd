package io.zkworkflow.internal;

import java.io.File;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;

import org.apache.zookeeper.KeeperException;
import org.apache.zookeeper.ZooDefs;
import org.apache.zookeeper.server.Request;
import org.apache.zookeeper.server.ServerCnxnFactory;
import org.apache.zookeeper.server.ZooKeeperServer;
import org.springframework.util.FileSystemUtils;

/**
 * A real, in-process ZooKeeper server that answers {@code addWatch} with UNIMPLEMENTED, as
 * servers before 3.6 do. Those servers also close the connection after the answer; this one
 * keeps it, and answers in request order, so that tests see the answer every time. Every other
 * request, and the {@code srvr} four-letter word (which reports the server library's real
 * version), works as usual. Stands in for a 3.5 server where no such server can be run; the
 * Docker tests use the real 3.5 image.
 */
public final class PreWatchZooKeeperServer implements AutoCloseable {

	private final File directory;

	private final ServerCnxnFactory connections;

	private PreWatchZooKeeperServer(File directory, ServerCnxnFactory connections) {
		this.directory = directory;
		this.connections = connections;
	}

	/**
	 * Start a server on loopback.
	 * @param port the port, or 0 for a free one
	 * @return the running server
	 * @throws Exception if it cannot start
	 */
	public static PreWatchZooKeeperServer start(int port) throws Exception {
		File directory = Files.createTempDirectory("pre-watch-zookeeper").toFile();
		ZooKeeperServer server = new ZooKeeperServer(directory, directory, 2000) {

			@Override
			public void submitRequest(Request request) {
				if (request.type == ZooDefs.OpCode.addWatch) {
					// answered by the pipeline in request order, with this error instead of a result
					request.setException(new KeeperException.UnimplementedException());
				}
				super.submitRequest(request);
			}

		};
		ServerCnxnFactory connections = ServerCnxnFactory
			.createFactory(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 100);
		connections.startup(server);
		return new PreWatchZooKeeperServer(directory, connections);
	}

	/**
	 * Return the connect string of the server.
	 * @return {@code 127.0.0.1:port}
	 */
	public String connectString() {
		return InetAddress.getLoopbackAddress().getHostAddress() + ":" + this.connections.getLocalPort();
	}

	@Override
	public void close() {
		this.connections.shutdown();
		FileSystemUtils.deleteRecursively(this.directory);
	}

}

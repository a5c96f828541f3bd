package io.zkworkflow.benchmarks;

import java.util.Arrays;

import org.apache.zookeeper.server.quorum.QuorumPeerMain;

/**
 * Entry point of one server of {@link ProcessEnsemble}: halts as soon as the benchmark JVM that
 * started it is gone (even when that one was killed and ran no shutdown hook), then runs
 * ZooKeeper's own {@link QuorumPeerMain} with the rest of the arguments.
 */
public final class ServerProcessMain {

	private ServerProcessMain() {
	}

	/**
	 * Run a server.
	 * @param args the parent's pid, then the path of the server's {@code zoo.cfg}
	 */
	public static void main(String[] args) {
		long parent = Long.parseLong(args[0]);
		ProcessHandle.of(parent).ifPresentOrElse((handle) -> handle.onExit().thenRun(() -> Runtime.getRuntime().halt(0)),
				() -> Runtime.getRuntime().halt(0));
		QuorumPeerMain.main(Arrays.copyOfRange(args, 1, args.length));
	}

}

package io.zkworkflow.internal;

import org.apache.curator.framework.CuratorFramework;
import org.apache.curator.framework.imps.CuratorFrameworkState;
import org.apache.curator.framework.listen.Listenable;
import org.apache.curator.framework.state.ConnectionStateListener;

/**
 * Tells whether the application's {@link CuratorFramework} bean is a client zk-workflow can
 * work with, and adds connection-state listeners only to one that is. An application may
 * define a client that is not one: a stand-in for tests whose methods answer {@code null}, or
 * a client already closed. zk-workflow then does no ZooKeeper work at all, so the application
 * starts as it would without it, and says so once at startup.
 */
public final class WorkingClient {

	private WorkingClient() {
	}

	/**
	 * Whether {@code curator} is a client that is or can be started.
	 * @param curator the application's client
	 * @return {@code false} for a client that is closed or has no connection state or
	 * ZooKeeper client to speak of
	 */
	public static boolean isWorking(CuratorFramework curator) {
		try {
			CuratorFrameworkState state = curator.getState();
			return state != null && state != CuratorFrameworkState.STOPPED
					&& curator.getConnectionStateListenable() != null && curator.getZookeeperClient() != null;
		}
		catch (RuntimeException ex) {
			return false;
		}
	}

	/**
	 * Add {@code listener} to the client's connection states, if it has them.
	 * @param curator the application's client
	 * @param listener the listener
	 */
	public static void addListener(CuratorFramework curator, ConnectionStateListener listener) {
		Listenable<ConnectionStateListener> states = isWorking(curator) ? curator.getConnectionStateListenable() : null;
		if (states != null) {
			states.addListener(listener);
		}
	}

	/**
	 * Remove {@code listener} from the client's connection states, if it has them.
	 * @param curator the application's client
	 * @param listener the listener
	 */
	public static void removeListener(CuratorFramework curator, ConnectionStateListener listener) {
		Listenable<ConnectionStateListener> states = isWorking(curator) ? curator.getConnectionStateListenable() : null;
		if (states != null) {
			states.removeListener(listener);
		}
	}

}

package io.zkworkflow.config.internal;

import java.util.HashMap;
import java.util.Map;

import org.jspecify.annotations.Nullable;

import org.springframework.core.env.EnumerablePropertySource;

/**
 * The live PropertySource: the last accepted value of every key read from ZooKeeper (or the
 * snapshot file). Replaced whole on every accepted change, so a reader sees one state or the
 * next, never a mix. Exact-znode keys (starting with '/') are not property names and are left
 * out.
 */
public final class ZkConfigPropertySource extends EnumerablePropertySource<Object> {

	/** Name of the PropertySource in the Environment. */
	public static final String NAME = "zk-workflow-config";

	private volatile State state = new State(Map.of(), new String[0]);

	public ZkConfigPropertySource() {
		super(NAME, new Object());
	}

	@Override
	public @Nullable Object getProperty(String name) {
		return this.state.values().get(name);
	}

	@Override
	public boolean containsProperty(String name) {
		return this.state.values().containsKey(name);
	}

	@Override
	public String[] getPropertyNames() {
		return this.state.names().clone();
	}

	/**
	 * Return every key's value as one immutable snapshot: two keys read from it always belong
	 * to the same accepted state (reading them one by one through {@link #getProperty} may
	 * straddle an update).
	 * @return the current values
	 */
	public Map<String, String> values() {
		return this.state.values();
	}

	void update(Map<String, RawEntry> entries) {
		Map<String, String> next = new HashMap<>();
		entries.forEach((key, entry) -> {
			if (!key.startsWith("/")) {
				next.put(key, entry.value());
			}
		});
		this.state = new State(Map.copyOf(next), next.keySet().toArray(new String[0]));
	}

	private record State(Map<String, String> values, String[] names) {
	}

}

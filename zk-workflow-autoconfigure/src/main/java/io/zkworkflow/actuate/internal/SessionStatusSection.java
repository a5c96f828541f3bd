package io.zkworkflow.actuate.internal;

import java.util.LinkedHashMap;
import java.util.Map;

import io.zkworkflow.embedded.EmbeddedZooKeeper;
import io.zkworkflow.internal.SessionDescription;
import io.zkworkflow.internal.StatusSection;
import io.zkworkflow.internal.ZkRoot;
import org.apache.curator.framework.CuratorFramework;
import org.jspecify.annotations.Nullable;

/**
 * The {@code session} section: this instance's ZooKeeper session and zk-workflow root.
 */
public class SessionStatusSection implements StatusSection {

	private final CuratorFramework curator;

	private final ZkRoot root;

	private final @Nullable EmbeddedZooKeeper embedded;

	public SessionStatusSection(CuratorFramework curator, ZkRoot root, @Nullable EmbeddedZooKeeper embedded) {
		this.curator = curator;
		this.root = root;
		this.embedded = embedded;
	}

	@Override
	public String sectionName() {
		return "session";
	}

	@Override
	public Object snapshot() {
		Map<String, Object> result = new LinkedHashMap<>(SessionDescription.of(this.curator));
		result.put("rootPath", this.root.path());
		if (this.embedded != null) {
			result.put("embeddedServer", this.embedded.connectString());
		}
		return result;
	}

}

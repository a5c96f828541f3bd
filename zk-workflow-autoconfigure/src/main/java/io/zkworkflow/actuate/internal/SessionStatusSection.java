package io.zkworkflow.actuate.internal;

import java.util.LinkedHashMap;
import java.util.Map;

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

	private final @Nullable String embeddedServer;

	/**
	 * Create the section.
	 * @param curator the application's client
	 * @param root zk-workflow's root
	 * @param embeddedServer connect string of the in-process server when one runs, else {@code null}
	 */
	public SessionStatusSection(CuratorFramework curator, ZkRoot root, @Nullable String embeddedServer) {
		this.curator = curator;
		this.root = root;
		this.embeddedServer = embeddedServer;
	}

	@Override
	public String sectionName() {
		return "session";
	}

	@Override
	public Object snapshot() {
		Map<String, Object> result = new LinkedHashMap<>(SessionDescription.of(this.curator));
		result.put("rootPath", this.root.path());
		if (this.embeddedServer != null) {
			result.put("embeddedServer", this.embeddedServer);
		}
		return result;
	}

}

package io.zkworkflow.actuate;

import java.util.Map;

import io.zkworkflow.embedded.EmbeddedZooKeeper;
import io.zkworkflow.support.SessionDescription;
import io.zkworkflow.support.ZkRoot;
import org.apache.curator.framework.CuratorFramework;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.health.contributor.AbstractHealthIndicator;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.Status;

/**
 * Reports zk-workflow's view of its ZooKeeper session: connected or not, session id, the root
 * path and the embedded server when one runs. It reads client state only and makes no
 * ZooKeeper call, so it is cheap enough for frequent probes; spring-cloud-zookeeper's
 * {@code zookeeper} indicator covers the server round trip.
 */
public class ZkWorkflowHealthIndicator extends AbstractHealthIndicator {

	private final CuratorFramework curator;

	private final ZkRoot root;

	private final @Nullable EmbeddedZooKeeper embedded;

	public ZkWorkflowHealthIndicator(CuratorFramework curator, ZkRoot root, @Nullable EmbeddedZooKeeper embedded) {
		super("zk-workflow health check failed");
		this.curator = curator;
		this.root = root;
		this.embedded = embedded;
	}

	@Override
	protected void doHealthCheck(Health.Builder builder) throws Exception {
		Map<String, Object> session = SessionDescription.of(this.curator);
		builder.status(Boolean.TRUE.equals(session.get("connected")) ? Status.UP : Status.DOWN);
		builder.withDetails(session);
		builder.withDetail("rootPath", this.root.path());
		if (this.embedded != null) {
			builder.withDetail("embeddedServer", this.embedded.connectString());
		}
	}

}

package io.zkworkflow.actuate.internal;

import java.util.List;
import java.util.Map;
import java.util.Objects;

import io.zkworkflow.internal.DegradedState;
import io.zkworkflow.internal.EphemeralBudget;
import io.zkworkflow.internal.ServerCompatibilityCheck;
import io.zkworkflow.internal.SessionDescription;
import io.zkworkflow.internal.ZkRoot;
import org.apache.curator.framework.CuratorFramework;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.health.contributor.AbstractHealthIndicator;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.Status;

/**
 * Reports zk-workflow's view of its ZooKeeper session: connected or not, session id, the root
 * path and the embedded server when one runs. It reads client state only and makes no
 * ZooKeeper call, so it is cheap enough for frequent probes; spring-cloud-zookeeper's
 * {@code zookeeper} indicator covers the server round trip. The use of the session's ephemeral
 * node budget is shown as a detail and never changes the status. A server found too old after
 * startup (no persistent watches) reports DOWN with the reason.
 */
public class ZkWorkflowHealthIndicator extends AbstractHealthIndicator {

	private final CuratorFramework curator;

	private final ZkRoot root;

	/** Status while connected but running on a fallback, such as snapshot configuration. */
	public static final Status DEGRADED = new Status("DEGRADED");

	private final @Nullable String embeddedServer;

	private final List<DegradedState> degradations;

	private final @Nullable EphemeralBudget budget;

	private final @Nullable ServerCompatibilityCheck compatibility;

	/**
	 * Create the indicator.
	 * @param curator the application's client
	 * @param root zk-workflow's root
	 * @param embeddedServer connect string of the in-process server when one runs, else {@code null}
	 * @param degradations the capabilities that may run on a fallback
	 * @param budget the session's ephemeral budget, shown in the details, or {@code null}
	 * @param compatibility the check of the server's version, or {@code null}
	 */
	public ZkWorkflowHealthIndicator(CuratorFramework curator, ZkRoot root, @Nullable String embeddedServer,
			List<DegradedState> degradations, @Nullable EphemeralBudget budget,
			@Nullable ServerCompatibilityCheck compatibility) {
		super("zk-workflow health check failed");
		this.curator = curator;
		this.root = root;
		this.embeddedServer = embeddedServer;
		this.degradations = degradations;
		this.budget = budget;
		this.compatibility = compatibility;
	}

	@Override
	protected void doHealthCheck(Health.Builder builder) throws Exception {
		Map<String, Object> session = SessionDescription.of(this.curator);
		List<String> reasons = this.degradations.stream()
			.map(DegradedState::degradedReason)
			.filter(Objects::nonNull)
			.toList();
		boolean connected = Boolean.TRUE.equals(session.get("connected"));
		// a capability serving from a fallback (snapshot configuration while ZooKeeper is
		// unreachable) reports DEGRADED rather than DOWN: the application still works on last-known state
		Exception incompatibility = (this.compatibility != null) ? this.compatibility.incompatibility() : null;
		builder.status((incompatibility != null) ? Status.DOWN
				: !reasons.isEmpty() ? DEGRADED : connected ? Status.UP : Status.DOWN);
		builder.withDetails(session);
		if (incompatibility != null) {
			builder.withDetail("incompatibleServer", incompatibility.getMessage());
		}
		if (!reasons.isEmpty()) {
			builder.withDetail("degraded", reasons);
		}
		builder.withDetail("rootPath", this.root.path());
		if (this.embeddedServer != null) {
			builder.withDetail("embeddedServer", this.embeddedServer);
		}
		if (this.budget != null) {
			// shown, never a status: a full budget refuses new lock requests, the rest works
			builder.withDetail("ephemerals", EphemeralBudgetStatusSection.describe(this.budget));
		}
	}

}

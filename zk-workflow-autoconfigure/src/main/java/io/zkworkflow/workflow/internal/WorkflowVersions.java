package io.zkworkflow.workflow.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

import io.zkworkflow.internal.EphemeralBudget;
import io.zkworkflow.internal.StandingEphemerals;
import io.zkworkflow.task.TaskAdmission;
import io.zkworkflow.task.TaskId;
import io.zkworkflow.workflow.WorkflowDefinition;
import org.apache.curator.framework.CuratorFramework;
import org.apache.curator.framework.recipes.nodes.PersistentNode;
import org.apache.curator.utils.ZKPaths;
import org.apache.zookeeper.CreateMode;
import org.apache.zookeeper.KeeperException;
import org.jspecify.annotations.Nullable;

import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.InitializingBean;

/**
 * The definition versions of this instance, advertised to the fleet, and the admission of
 * workflow tasks by version. Each instance keeps one ephemeral znode per definition under
 * the version it declares. A task of a workflow that started with a version this instance
 * does not declare is never run here: it is handed back (uncounted) while a live instance
 * declares that version, and refused (dead-lettered, which fails the workflow) once none does.
 */
public final class WorkflowVersions implements TaskAdmission, InitializingBean, DisposableBean {

	private final CuratorFramework curator;

	private final WorkflowPaths paths;

	private final WorkflowRegistry registry;

	private final String instanceId;

	private final @Nullable StandingEphemerals budget;

	private final List<PersistentNode> advertised = new ArrayList<>();

	public WorkflowVersions(CuratorFramework curator, WorkflowPaths paths, WorkflowRegistry registry, String instanceId,
			@Nullable EphemeralBudget budget) {
		this.curator = curator;
		this.paths = paths;
		this.registry = registry;
		this.instanceId = instanceId;
		this.budget = (budget != null) ? new StandingEphemerals(budget) : null;
	}

	/** Advertise every declared version, counted as standing ephemerals of the session. */
	@Override
	public synchronized void afterPropertiesSet() {
		for (WorkflowDefinition definition : this.registry.all()) {
			String path = this.paths.versionMember(definition.name(), definition.version(), this.instanceId);
			if (this.budget != null) {
				this.budget.add(ZKPaths.fixForNamespace(this.curator.getNamespace(), path));
			}
			PersistentNode node = new PersistentNode(this.curator, CreateMode.EPHEMERAL, false, path, new byte[0]);
			node.start();
			this.advertised.add(node);
		}
	}

	@Override
	public synchronized void destroy() throws Exception {
		for (PersistentNode node : this.advertised) {
			node.close();
		}
		this.advertised.clear();
		if (this.budget != null) {
			this.budget.close();
		}
	}

	@Override
	public Verdict admit(TaskId id, Map<String, String> attributes) throws Exception {
		if (!LostVersions.undeclared(this.registry, attributes)) {
			return Verdict.RUN;
		}
		String version = attributes.get(StepLauncher.VERSION);
		String name = attributes.get(StepLauncher.DEFINITION);
		String workflow = attributes.getOrDefault(StepLauncher.WORKFLOW, "?");
		if (!children(this.paths.version(name, version)).isEmpty()) {
			return Verdict.handBack("workflow " + workflow + " runs version " + version + " of '" + name
					+ "', which this instance does not declare; an instance that declares it takes the task");
		}
		return Verdict.refuse(missing(name, version, workflow));
	}

	/**
	 * Return whether a live instance declares the definition version a task carries.
	 * @param curator the client
	 * @param paths the workflow paths
	 * @param attributes the task's attributes, with its definition and version
	 * @return whether an instance of that version is live
	 */
	static boolean declaredByLiveInstance(CuratorFramework curator, WorkflowPaths paths, Map<String, String> attributes)
			throws Exception {
		String version = attributes.get(StepLauncher.VERSION);
		String name = attributes.get(StepLauncher.DEFINITION);
		if (version == null || name == null) {
			return false;
		}
		return !children(curator, paths.version(name, version)).isEmpty();
	}

	/** The error of a workflow whose version no live instance declares. */
	private String missing(String name, String version, String workflow) throws Exception {
		TreeSet<String> present = new TreeSet<>();
		for (String candidate : children(this.paths.versions(name))) {
			if (!children(this.paths.version(name, candidate)).isEmpty()) {
				present.add(candidate);
			}
		}
		return "Workflow '" + name + "' " + workflow + " needs definition version " + version
				+ " but the instances serving it have " + (present.isEmpty() ? "none" : String.join(", ", present))
				+ "; no live instance declares version " + version + " any more, so the workflow failed (its "
				+ "compensation, if it has one, runs). Keep instances that declare the old definition running until "
				+ "the workflows they started have ended, then retire them; start the workflow again to run it with "
				+ "the current version.";
	}

	private List<String> children(String path) throws Exception {
		return children(this.curator, path);
	}

	private static List<String> children(CuratorFramework curator, String path) throws Exception {
		try {
			return curator.getChildren().forPath(path);
		}
		catch (KeeperException.NoNodeException ex) {
			return List.of();
		}
	}

}

package io.zkworkflow.reliability;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.zkworkflow.internal.ZkRoot;
import io.zkworkflow.sample.SampleApplication;
import io.zkworkflow.test.ZooKeeperServerExtension;
import org.apache.curator.framework.CuratorFramework;
import org.apache.curator.framework.recipes.nodes.PersistentNode;
import org.apache.curator.utils.ZKPaths;
import org.apache.zookeeper.CreateMode;
import org.apache.zookeeper.KeeperException;
import org.apache.zookeeper.ZooDefs;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.function.ThrowingSupplier;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.awaitility.Awaitility.await;

/**
 * With digest security on, the sample application writes znodes of every kind under its root
 * through its own client; then a walk over everything under the root checks that a client
 * without credentials, and one with wrong credentials, can neither read, list, change, create
 * under, re-ACL nor delete any of it, and that nothing changed.
 */
class DigestSecurityScenarioTests {

	private static final String INTRUDER = "intruder:guessed-secret";

	@RegisterExtension
	static final ZooKeeperServerExtension zookeeper = new ZooKeeperServerExtension();

	@Test
	void strangersCannotReadWriteOrDeleteAnythingTheApplicationCreated(@TempDir Path history) throws Exception {
		// a servlet application: the sample's security configuration needs one. Schedules do not
		// fire here: the sample's minute digest would add its state and task nodes mid-walk (the
		// schedule's definition, written at startup, is still walked)
		try (ConfigurableApplicationContext app = new SpringApplicationBuilder(SampleApplication.class)
			.run("--server.port=0", "--zk-workflow.embedded.enabled=false", "--" + zookeeper.connectStringProperty(),
					"--zk-workflow.security.digest=" + Workers.DIGEST, "--reliability.items=25",
					"--zk-workflow.schedules.enabled=false");
				HistoryRecorder recorder = new HistoryRecorder(history.resolve("app.jsonl"), "app");
				CuratorFramework owner = TestClients.owner(zookeeper.connectString());
				CuratorFramework anonymous = TestClients.started(zookeeper.connectString(), null);
				CuratorFramework intruder = TestClients.started(zookeeper.connectString(), INTRUDER)) {
			CuratorFramework curator = app.getBean(CuratorFramework.class);
			ZkRoot root = app.getBean(ZkRoot.class);
			await().until(() -> curator.checkExists().forPath(root.path()) != null);
			new ItemWriter().run(new WorkerContext("app", app, curator, root, recorder));
			PersistentNode ephemeral = new PersistentNode(curator, CreateMode.EPHEMERAL, false,
					root.resolve("reliability", "workers", "app"), "app".getBytes(StandardCharsets.UTF_8));
			ephemeral.start();
			ephemeral.waitForInitialCreate(30, java.util.concurrent.TimeUnit.SECONDS);
			curator.create()
				.creatingParentContainersIfNeeded()
				.forPath(root.resolve("reliability", "secrets", "deep", "payload"),
						"secret-payload".getBytes(StandardCharsets.UTF_8));

			Map<String, byte[]> before = readAll(owner, root.path());
			assertThat(before).as("znodes the application created").hasSizeGreaterThan(30);
			for (CuratorFramework stranger : List.of(anonymous, intruder)) {
				for (String path : before.keySet()) {
					assertClosed(stranger, path, path.equals(root.path()));
				}
			}
			Map<String, byte[]> after = readAll(owner, root.path());
			// the sample's report job takes and releases its lock every ten seconds on its own:
			// those lock nodes may come or go during the walk, whatever the strangers do
			String ownLocks = root.resolve("locks");
			before.keySet().removeIf((path) -> path.equals(ownLocks) || path.startsWith(ownLocks + "/"));
			after.keySet().removeIf((path) -> path.equals(ownLocks) || path.startsWith(ownLocks + "/"));
			assertThat(after.keySet()).containsExactlyElementsOf(before.keySet());
			after.forEach((path, data) -> assertThat(data).as(path).isEqualTo(before.get(path)));
			ephemeral.close();
		}
	}

	private static void assertClosed(CuratorFramework stranger, String path, boolean isRoot) {
		if (isRoot) {
			// the configured root readers (default: this machine) may read the empty root and its
			// children's names, to check its ACL; nothing more
			assertThat(call(() -> stranger.getData().forPath(path))).as(path).isEmpty();
		}
		else {
			denied(path, "read", () -> stranger.getData().forPath(path));
			denied(path, "list", () -> stranger.getChildren().forPath(path));
			denied(path, "read the ACL of", () -> stranger.getACL().forPath(path));
			denied(path, "delete", () -> {
				stranger.delete().forPath(path);
				return null;
			});
		}
		denied(path, "write", () -> stranger.setData().forPath(path, "x".getBytes(StandardCharsets.UTF_8)));
		denied(path, "create under", () -> stranger.create().forPath(ZKPaths.makePath(path, "intruder")));
		denied(path, "re-ACL", () -> stranger.setACL().withACL(ZooDefs.Ids.OPEN_ACL_UNSAFE).forPath(path));
	}

	private static void denied(String path, String operation, ThrowingSupplier<?> call) {
		assertThatExceptionOfType(KeeperException.NoAuthException.class)
			.as("a stranger must not %s %s", operation, path)
			.isThrownBy(call::get);
	}

	private static <T> T call(ThrowingSupplier<T> call) {
		try {
			return call.get();
		}
		catch (Throwable ex) {
			throw new AssertionError(ex);
		}
	}

	private static Map<String, byte[]> readAll(CuratorFramework owner, String path) throws Exception {
		Map<String, byte[]> nodes = new LinkedHashMap<>();
		List<String> pending = new ArrayList<>(List.of(path));
		while (!pending.isEmpty()) {
			String next = pending.remove(0);
			nodes.put(next, owner.getData().forPath(next));
			for (String child : owner.getChildren().forPath(next).stream().sorted().toList()) {
				pending.add(ZKPaths.makePath(next, child));
			}
		}
		return nodes;
	}

}

package io.zkworkflow.security;

import java.nio.charset.StandardCharsets;
import java.util.List;

import io.zkworkflow.autoconfigure.ZkWorkflowAutoConfiguration;
import io.zkworkflow.autoconfigure.ZkWorkflowClientAutoConfiguration;
import io.zkworkflow.security.internal.DigestCredentials;
import io.zkworkflow.test.ZooKeeperServerExtension;
import org.apache.curator.framework.CuratorFramework;
import org.apache.zookeeper.KeeperException;
import org.apache.zookeeper.ZooDefs;
import org.apache.zookeeper.data.ACL;
import org.apache.zookeeper.data.Id;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.cloud.zookeeper.ZookeeperAutoConfiguration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.awaitility.Awaitility.await;

/**
 * With {@code zk-workflow.security.digest} set, only that identity can touch zk-workflow's
 * znodes, through the one client that discovery shares.
 */
class DigestSecurityTests {

	@RegisterExtension
	static final ZooKeeperServerExtension zookeeper = new ZooKeeperServerExtension();

	// each test gets its own root: a root keeps the ACL it was created with
	private final String root = "/secured-" + java.util.UUID.randomUUID();

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(ZookeeperAutoConfiguration.class,
				ZkWorkflowClientAutoConfiguration.class, ZkWorkflowAutoConfiguration.class))
		.withPropertyValues(zookeeper.connectStringProperty(), "zk-workflow.root-path=" + this.root,
				"zk-workflow.security.digest=app:s3cret", "zk-workflow.security.read-only-digests=ops:look");

	@Test
	void strangersGetNoAuthOnReadWriteAndDelete() {
		this.runner.run((context) -> {
			CuratorFramework app = context.getBean(CuratorFramework.class);
			await().until(() -> app.checkExists().forPath(this.root) != null);
			app.create().forPath(this.root + "/item", "payload".getBytes(StandardCharsets.UTF_8));

			CuratorFramework stranger = zookeeper.newClient();
			assertThatExceptionOfType(KeeperException.NoAuthException.class)
				.isThrownBy(() -> stranger.getData().forPath(this.root + "/item"));
			assertThatExceptionOfType(KeeperException.NoAuthException.class)
				.isThrownBy(() -> stranger.setData().forPath(this.root + "/item", new byte[0]));
			assertThatExceptionOfType(KeeperException.NoAuthException.class)
				.isThrownBy(() -> stranger.delete().forPath(this.root + "/item"));
			assertThatExceptionOfType(KeeperException.NoAuthException.class)
				.isThrownBy(() -> stranger.create().forPath(this.root + "/intruder"));
			assertThatExceptionOfType(KeeperException.NoAuthException.class)
				.isThrownBy(() -> stranger.getChildren().forPath(this.root + "/item"));
			assertThatExceptionOfType(KeeperException.NoAuthException.class)
				.isThrownBy(() -> stranger.getACL().forPath(this.root + "/item"));
			assertThat(new String(app.getData().forPath(this.root + "/item"), StandardCharsets.UTF_8))
				.isEqualTo("payload");
		});
	}

	@Test
	void rootAclNamesTheOwnerWithAllRightsAndReadersWithReadOnly() {
		this.runner.run((context) -> {
			CuratorFramework app = context.getBean(CuratorFramework.class);
			await().until(() -> app.checkExists().forPath(this.root) != null);
			app.create().orSetData().forPath(this.root + "/below");
			DigestCredentials owner = DigestCredentials.parse("p", "app:s3cret");
			DigestCredentials reader = DigestCredentials.parse("p", "ops:look");
			assertThat(app.getACL().forPath(this.root + "/below")).containsExactlyInAnyOrder(
					new ACL(ZooDefs.Perms.ALL, owner.id()), new ACL(ZooDefs.Perms.READ, reader.id()));
			List<ACL> rootAcl = app.getACL().forPath(this.root);
			assertThat(rootAcl).containsExactlyInAnyOrder(new ACL(ZooDefs.Perms.ALL, owner.id()),
					new ACL(ZooDefs.Perms.READ, reader.id()), new ACL(ZooDefs.Perms.READ, new Id("ip", "127.0.0.1")));
			assertThat(rootAcl).noneMatch((entry) -> entry.getId().getScheme().equals("world"));
		});
	}

	@Test
	void operatorsOnTheRootReadersListCanCheckTheRootAclButNothingBelow() {
		this.runner.run((context) -> {
			CuratorFramework app = context.getBean(CuratorFramework.class);
			await().until(() -> app.checkExists().forPath(this.root) != null);
			app.create().orSetData().forPath(this.root + "/private", "p".getBytes(StandardCharsets.UTF_8));
			CuratorFramework localOperator = zookeeper.newClient();
			assertThat(localOperator.getACL().forPath(this.root))
				.anyMatch((entry) -> entry.getId().getScheme().equals("digest"));
			assertThatExceptionOfType(KeeperException.NoAuthException.class)
				.isThrownBy(() -> localOperator.getData().forPath(this.root + "/private"));
		});
	}

	@Test
	void rootReadersCanBeEmptied() {
		this.runner.withPropertyValues("zk-workflow.security.root-readers=").run((context) -> {
			CuratorFramework app = context.getBean(CuratorFramework.class);
			await().until(() -> app.checkExists().forPath(this.root) != null);
			assertThatExceptionOfType(KeeperException.NoAuthException.class)
				.isThrownBy(() -> zookeeper.newClient().getChildren().forPath(this.root));
		});
	}

	@Test
	void readOnlyIdentityCanReadButNotWrite() throws Exception {
		this.runner.run((context) -> {
			CuratorFramework app = context.getBean(CuratorFramework.class);
			await().until(() -> app.checkExists().forPath(this.root) != null);
			app.create().orSetData().forPath(this.root + "/shown", "v".getBytes(StandardCharsets.UTF_8));
			CuratorFramework ops = org.apache.curator.framework.CuratorFrameworkFactory.builder()
				.connectString(zookeeper.connectString())
				.retryPolicy(new org.apache.curator.retry.RetryOneTime(100))
				.authorization("digest", "ops:look".getBytes(StandardCharsets.UTF_8))
				.build();
			ops.start();
			try {
				assertThat(ops.getData().forPath(this.root + "/shown")).isEqualTo("v".getBytes(StandardCharsets.UTF_8));
				assertThatExceptionOfType(KeeperException.NoAuthException.class)
					.isThrownBy(() -> ops.setData().forPath(this.root + "/shown", new byte[0]));
			}
			finally {
				ops.close();
			}
		});
	}

	@Test
	void znodesOutsideTheRootStayOpenSoOtherToolsKeepWorking() {
		this.runner.run((context) -> {
			CuratorFramework app = context.getBean(CuratorFramework.class);
			app.create().creatingParentsIfNeeded().forPath("/services/demo/1");
			assertThat(app.getACL().forPath("/services/demo/1")).isEqualTo(ZooDefs.Ids.OPEN_ACL_UNSAFE);
			assertThat(zookeeper.newClient().getChildren().forPath("/services/demo")).containsExactly("1");
		});
	}

	@Test
	void credentialsNeverShowTheirPassword() {
		DigestCredentials credentials = DigestCredentials.parse("zk-workflow.security.digest", "app:s3cret");
		assertThat(credentials.toString()).doesNotContain("s3cret").contains("app");
	}

}

package io.zkworkflow.security;

import java.nio.charset.StandardCharsets;
import java.util.List;

import io.zkworkflow.autoconfigure.ZkWorkflowAutoConfiguration;
import io.zkworkflow.autoconfigure.ZkWorkflowClientAutoConfiguration;
import io.zkworkflow.test.ZooKeeperServerExtension;
import org.apache.curator.framework.CuratorFramework;
import org.apache.zookeeper.KeeperException;
import org.apache.zookeeper.ZooDefs;
import org.apache.zookeeper.data.ACL;
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

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(ZookeeperAutoConfiguration.class,
				ZkWorkflowClientAutoConfiguration.class, ZkWorkflowAutoConfiguration.class))
		.withPropertyValues(zookeeper.connectStringProperty(), "zk-workflow.root-path=/secured",
				"zk-workflow.security.digest=app:s3cret", "zk-workflow.security.read-only-digests=ops:look");

	@Test
	void strangersGetNoAuthOnReadWriteAndDelete() {
		this.runner.run((context) -> {
			CuratorFramework app = context.getBean(CuratorFramework.class);
			await().until(() -> app.checkExists().forPath("/secured") != null);
			app.create().forPath("/secured/item", "payload".getBytes(StandardCharsets.UTF_8));

			CuratorFramework stranger = zookeeper.newClient();
			assertThatExceptionOfType(KeeperException.NoAuthException.class)
				.isThrownBy(() -> stranger.getData().forPath("/secured/item"));
			assertThatExceptionOfType(KeeperException.NoAuthException.class)
				.isThrownBy(() -> stranger.setData().forPath("/secured/item", new byte[0]));
			assertThatExceptionOfType(KeeperException.NoAuthException.class)
				.isThrownBy(() -> stranger.delete().forPath("/secured/item"));
			assertThatExceptionOfType(KeeperException.NoAuthException.class)
				.isThrownBy(() -> stranger.create().forPath("/secured/intruder"));
			assertThatExceptionOfType(KeeperException.NoAuthException.class)
				.isThrownBy(() -> stranger.getChildren().forPath("/secured"));
			assertThat(new String(app.getData().forPath("/secured/item"), StandardCharsets.UTF_8))
				.isEqualTo("payload");
		});
	}

	@Test
	void rootAclNamesTheOwnerWithAllRightsAndReadersWithReadOnly() {
		this.runner.run((context) -> {
			CuratorFramework app = context.getBean(CuratorFramework.class);
			await().until(() -> app.checkExists().forPath("/secured") != null);
			List<ACL> acl = app.getACL().forPath("/secured");
			DigestCredentials owner = DigestCredentials.parse("p", "app:s3cret");
			DigestCredentials reader = DigestCredentials.parse("p", "ops:look");
			assertThat(acl).containsExactlyInAnyOrder(new ACL(ZooDefs.Perms.ALL, owner.id()),
					new ACL(ZooDefs.Perms.READ, reader.id()));
			assertThat(acl).noneMatch((entry) -> entry.getId().getScheme().equals("world"));
		});
	}

	@Test
	void readOnlyIdentityCanReadButNotWrite() throws Exception {
		this.runner.run((context) -> {
			CuratorFramework app = context.getBean(CuratorFramework.class);
			await().until(() -> app.checkExists().forPath("/secured") != null);
			app.create().orSetData().forPath("/secured/shown", "v".getBytes(StandardCharsets.UTF_8));
			CuratorFramework ops = org.apache.curator.framework.CuratorFrameworkFactory.builder()
				.connectString(zookeeper.connectString())
				.retryPolicy(new org.apache.curator.retry.RetryOneTime(100))
				.authorization("digest", "ops:look".getBytes(StandardCharsets.UTF_8))
				.build();
			ops.start();
			try {
				assertThat(ops.getData().forPath("/secured/shown")).isEqualTo("v".getBytes(StandardCharsets.UTF_8));
				assertThatExceptionOfType(KeeperException.NoAuthException.class)
					.isThrownBy(() -> ops.setData().forPath("/secured/shown", new byte[0]));
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

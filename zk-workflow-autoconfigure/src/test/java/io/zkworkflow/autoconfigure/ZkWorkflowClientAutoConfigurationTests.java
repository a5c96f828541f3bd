package io.zkworkflow.autoconfigure;

import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import io.zkworkflow.autoconfigure.ZooKeeperContexts.UserBean;
import io.zkworkflow.internal.ConnectionTimeoutAlignment;
import io.zkworkflow.internal.ZkRoot;
import io.zkworkflow.security.internal.DigestCredentials;
import io.zkworkflow.security.internal.DigestSecurityCustomizer;
import io.zkworkflow.test.ZooKeeperServerExtension;
import org.apache.curator.ensemble.EnsembleProvider;
import org.apache.curator.ensemble.fixed.FixedEnsembleProvider;
import org.apache.curator.framework.CuratorFramework;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Conditions of {@link ZkWorkflowClientAutoConfiguration}. It has no class condition: all it
 * uses comes with spring-cloud-zookeeper, which the starter requires.
 */
class ZkWorkflowClientAutoConfigurationTests {

	@RegisterExtension
	static final ZooKeeperServerExtension zookeeper = new ZooKeeperServerExtension();

	// the digest protects the root: each context that sets one writes under a root of its own
	private final ApplicationContextRunner runner = ZooKeeperContexts.runner(zookeeper)
		.withPropertyValues("zk-workflow.root-path=/client-conditions");

	@Test
	void defaultsAlignTheConnectionTimeoutOnly() {
		this.runner.run((context) -> assertThat(context).hasSingleBean(ConnectionTimeoutAlignment.class)
			.doesNotHaveBean(DigestSecurityCustomizer.class)
			.doesNotHaveBean(EnsembleProvider.class));
	}

	@Test
	void backsOffWhenZkWorkflowIsDisabled() {
		this.runner.withPropertyValues("zk-workflow.enabled=false", "zk-workflow.security.digest=app:secret")
			.withBean(ZooKeeperConnectionDetails.class, () -> zookeeper::connectString)
			.run((context) -> assertThat(context).hasSingleBean(CuratorFramework.class)
				.doesNotHaveBean(ConnectionTimeoutAlignment.class)
				.doesNotHaveBean(DigestSecurityCustomizer.class)
				.doesNotHaveBean(EnsembleProvider.class));
	}

	@Test
	void backsOffWhenSpringCloudZookeeperIsDisabled() {
		this.runner.withPropertyValues("spring.cloud.zookeeper.enabled=false", "zk-workflow.security.digest=app:secret")
			.run((context) -> assertThat(context).hasNotFailed()
				.doesNotHaveBean(ConnectionTimeoutAlignment.class)
				.doesNotHaveBean(DigestSecurityCustomizer.class));
	}

	@Test
	void digestSettingAddsTheSecurityCustomizer() {
		this.runner.withPropertyValues("zk-workflow.root-path=/client-digest", "zk-workflow.security.digest=app:secret")
			.run((context) -> assertThat(context).hasSingleBean(DigestSecurityCustomizer.class));
	}

	@Test
	void malformedDigestFailsStartupNamingTheProperty() {
		this.runner.withPropertyValues("zk-workflow.security.digest=no-colon-here").run((context) -> {
			assertThat(context).hasFailed();
			assertThat(context.getStartupFailure()).rootCause()
				.hasMessageContaining("zk-workflow.security.digest")
				.hasMessageContaining("user:password")
				.hasMessageNotContaining("no-colon-here");
		});
	}

	@Test
	void connectionDetailsBeanRedirectsTheClient() {
		this.runner.withPropertyValues("spring.cloud.zookeeper.connect-string=127.0.0.1:1")
			.withBean(ZooKeeperConnectionDetails.class, () -> zookeeper::connectString)
			.run((context) -> {
				assertThat(context).hasSingleBean(EnsembleProvider.class);
				CuratorFramework curator = context.getBean(CuratorFramework.class);
				assertThat(curator.blockUntilConnected(10, TimeUnit.SECONDS)).isTrue();
				assertThat(curator.getZookeeperClient().getCurrentConnectionString())
					.isEqualTo(zookeeper.connectString());
			});
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("usersOwnBeans")
	void backsOffToTheApplicationsOwnBean(UserBean bean) {
		bean.assertUsedBy(this.runner.withPropertyValues("zk-workflow.security.digest=app:secret",
				"zk-workflow.root-path=/client-users-own")
			.withBean(ZooKeeperConnectionDetails.class, () -> zookeeper::connectString));
	}

	static Stream<UserBean> usersOwnBeans() {
		return Stream.of(
				UserBean.supplied(DigestSecurityCustomizer.class,
						() -> new DigestSecurityCustomizer(new ZkRoot("/client-users-own"),
								DigestCredentials.parse("test", "app:secret"), List.of(), List.of())),
				UserBean.supplied(ConnectionTimeoutAlignment.class, () -> new ConnectionTimeoutAlignment(true)),
				UserBean.supplied(EnsembleProvider.class, () -> new FixedEnsembleProvider(zookeeper.connectString())));
	}

}

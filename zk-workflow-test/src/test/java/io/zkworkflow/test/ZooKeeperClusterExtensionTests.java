package io.zkworkflow.test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;

import org.apache.curator.framework.CuratorFramework;
import org.apache.curator.test.InstanceSpec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The ensemble fixture survives the loss of its leader, as later leader-loss tests assume.
 */
class ZooKeeperClusterExtensionTests {

	@RegisterExtension
	static final ZooKeeperClusterExtension ensemble = new ZooKeeperClusterExtension();

	@Test
	void writesSurviveTheLeaderBeingKilledAndRestarted() throws Exception {
		CuratorFramework client = ensemble.newClient();
		client.create().forPath("/before", "1".getBytes(StandardCharsets.UTF_8));
		InstanceSpec leader = ensemble.killLeader();
		// an election plus the client's reconnect: seconds, more on a loaded 2-core machine
		await().atMost(Duration.ofMinutes(1)).ignoreExceptions().until(() -> {
			client.create().orSetData().forPath("/after", "2".getBytes(StandardCharsets.UTF_8));
			return true;
		});
		assertThat(ensemble.leader()).isNotEqualTo(leader);
		assertThat(ensemble.cluster().restartServer(leader)).isTrue();
		assertThat(client.getData().forPath("/before")).isEqualTo("1".getBytes(StandardCharsets.UTF_8));
	}

}

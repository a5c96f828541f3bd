package io.zkworkflow.sample;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.zkworkflow.config.ZkConfigTemplate;
import io.zkworkflow.sample.report.OrderDigest;
import io.zkworkflow.workflow.ScheduleClient;
import io.zkworkflow.workflow.ScheduleInfo;
import org.apache.curator.framework.CuratorFramework;
import org.apache.curator.framework.CuratorFrameworkFactory;
import org.apache.curator.retry.RetryOneTime;
import org.apache.zookeeper.KeeperException;
import org.apache.zookeeper.ZooDefs;
import org.apache.zookeeper.data.ACL;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.cloud.client.discovery.DiscoveryClient;
import org.springframework.core.env.Environment;
import org.springframework.web.client.RestClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.awaitility.Awaitility.await;

/**
 * The sample as a new user runs it: embedded ZooKeeper, digest security on, health UP with a
 * {@code zkworkflow} component, registered for discovery, and its root closed to strangers.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "zk-workflow.embedded.port=0", "zk-workflow.security.digest=sample:sample-secret" })
class SampleApplicationTests {

	@LocalServerPort
	int port;

	@Autowired
	DiscoveryClient discovery;

	@Autowired
	CuratorFramework curator;

	@Autowired
	Environment environment;

	@Test
	void healthIsUpWithTheZkWorkflowComponent() {
		String health = RestClient.create("http://localhost:" + this.port)
			.get()
			.uri("/actuator/health")
			.headers((headers) -> headers.setBasicAuth("admin", "admin"))
			.retrieve()
			.body(String.class);
		assertThat(health).contains("\"status\":\"UP\"").contains("\"zkworkflow\"").contains("\"rootPath\":\"/zk-workflow\"");
	}

	@Test
	void createsItsRuntimeScheduleAtStartupAndItFires(@Autowired ScheduleClient schedules,
			@Autowired OrderDigest digest) {
		ScheduleInfo schedule = schedules.get("order-digest");
		assertThat(schedule.kind()).isEqualTo(ScheduleInfo.Kind.TASK);
		assertThat(schedule.cron()).isEqualTo("0 * * * * *");
		assertThat(schedule.paused()).isFalse();
		long before = digest.runsHere();
		schedules.trigger("order-digest");
		await().until(() -> digest.runsHere() > before);
	}

	@Test
	void registersItselfForDiscovery() {
		await().untilAsserted(() -> assertThat(this.discovery.getInstances("zk-workflow-sample"))
			.anyMatch((instance) -> instance.getPort() == this.port));
	}

	@Test
	void rootIsClosedToClientsWithoutTheCredentials() throws Exception {
		await().until(() -> this.curator.checkExists().forPath("/zk-workflow") != null);
		List<ACL> acl = this.curator.getACL().forPath("/zk-workflow");
		// only the digest identity may change it; the root readers (default ip:127.0.0.1) may only read it
		assertThat(acl).allMatch((entry) -> entry.getId().getScheme().equals("digest")
				|| entry.getPerms() == ZooDefs.Perms.READ);
		assertThat(acl).anyMatch((entry) -> entry.getId().getScheme().equals("digest"));
		assertThat(acl).noneMatch((entry) -> entry.getId().getScheme().equals("world"));
		this.curator.create().orSetData().forPath("/zk-workflow/probe", "x".getBytes(StandardCharsets.UTF_8));
		String connectString = this.environment.getRequiredProperty("spring.cloud.zookeeper.connect-string");
		try (CuratorFramework stranger = CuratorFrameworkFactory.newClient(connectString, new RetryOneTime(100))) {
			stranger.start();
			assertThatExceptionOfType(KeeperException.NoAuthException.class)
				.isThrownBy(() -> stranger.getData().forPath("/zk-workflow/probe"));
			assertThatExceptionOfType(KeeperException.NoAuthException.class)
				.isThrownBy(() -> stranger.delete().forPath("/zk-workflow/probe"));
			assertThat(stranger.getChildren().forPath("/services")).contains("zk-workflow-sample");
		}
	}

	@Test
	void writeOperationsNeedTheAdminRole() {
		SampleClient client = SampleClient.on(this.port);
		RestClient http = client.http();
		String body = "{\"id\": \"audit-order/nothing-here\"}";
		String token = client.csrfToken();
		assertThat(http.post().uri("/actuator/zkworkflow/tasks/retry").header("Content-Type", "application/json")
			.headers((headers) -> {
				headers.add("Cookie", SampleClient.CSRF_COOKIE + "=" + token);
				headers.set(SampleClient.CSRF_HEADER, token);
			})
			.body(body).retrieve().toBodilessEntity().getStatusCode().value()).as("anonymous").isEqualTo(401);
		assertThat(http.post().uri("/actuator/zkworkflow/tasks/retry").header("Content-Type", "application/json")
			.headers(client.csrfAs("viewer"))
			.body(body).retrieve().toBodilessEntity().getStatusCode().value()).as("viewer").isEqualTo(403);
		String answer = http.post().uri("/actuator/zkworkflow/tasks/retry").header("Content-Type", "application/json")
			.headers(client.csrfAs("admin"))
			.body(body).retrieve().body(String.class);
		assertThat(answer).contains("\"retried\":false");
		assertThat(http.get().uri("/actuator/zkworkflow").retrieve().toBodilessEntity().getStatusCode().value())
			.as("anyone may read").isEqualTo(200);
	}

	@Test
	void configValuesAreShownToAdminsOnly(@Autowired ZkConfigTemplate config) {
		config.publish("orders.checkout-enabled", "true");
		RestClient http = RestClient.builder().baseUrl("http://localhost:" + this.port).build();
		await().until(() -> String.valueOf(http.get().uri("/actuator/zkworkflow/config").retrieve().body(String.class))
			.contains("\"orders.checkout-enabled\":{\"value\":\""));
		String anonymous = http.get().uri("/actuator/zkworkflow/config").retrieve().body(String.class);
		String admin = http.get()
			.uri("/actuator/zkworkflow/config")
			.headers((headers) -> headers.setBasicAuth("admin", "admin"))
			.retrieve()
			.body(String.class);
		List<String> seenByAnyone = values(anonymous);
		assertThat(seenByAnyone).isNotEmpty().allMatch("******"::equals);
		assertThat(values(admin)).hasSameSizeAs(seenByAnyone).anyMatch((value) -> !value.equals("******"));
	}

	private static List<String> values(@Nullable String json) {
		Matcher value = Pattern.compile("\"value\":\"([^\"]*)\"").matcher(String.valueOf(json));
		List<String> values = new ArrayList<>();
		while (value.find()) {
			values.add(value.group(1));
		}
		return values;
	}

}

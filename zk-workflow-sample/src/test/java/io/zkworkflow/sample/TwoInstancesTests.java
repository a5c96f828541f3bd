package io.zkworkflow.sample;

import java.time.Duration;
import java.util.Map;

import io.zkworkflow.test.ZooKeeperServerExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.web.client.RestClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Two sample instances on one ZooKeeper, as the README starts them: orders placed on one and
 * paid on the other are processed by both, and one instance calls the other through discovery.
 */
class TwoInstancesTests {

	@RegisterExtension
	static final ZooKeeperServerExtension zookeeper = new ZooKeeperServerExtension();

	private static final ParameterizedTypeReference<Map<String, Object>> JSON = new ParameterizedTypeReference<>() {
	};

	@Test
	void ordersAreProcessedByBothInstancesAndTheyFindEachOther() {
		try (ConfigurableApplicationContext first = start(); ConfigurableApplicationContext second = start()) {
			RestClient a = client(first);
			RestClient b = client(second);
			SampleClient orders = SampleClient.on(port(first));
			SampleClient payments = SampleClient.on(port(second));
			for (int i = 0; i < 30; i++) {
				assertThat(orders.placeOrder("alice", "two-" + i, "c" + i)).isEqualTo(202);
			}
			for (int i = 0; i < 30; i++) {
				// the payment signal is sent on the other instance, to an order placed on the first
				assertThat(payments.confirmPayment("alice", "two-" + i)).isEqualTo(200);
			}
			await().atMost(Duration.ofSeconds(90)).untilAsserted(() -> {
				for (int i = 0; i < 30; i++) {
					assertThat(b.get().uri("/orders/two-" + i).retrieve().body(String.class)).contains("\"COMPLETED\"");
				}
			});
			assertThat(stepsRunBy(a)).as("steps run by the first instance").isPositive();
			assertThat(stepsRunBy(b)).as("steps run by the second instance").isPositive();
			await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
				Map<String, Object> call = a.get().uri("/peers/call").retrieve().body(JSON);
				Map<String, Object> secondSelf = b.get().uri("/whoami").retrieve().body(JSON);
				assertThat(call).containsEntry("peerSays", secondSelf);
			});
		}
	}

	@SuppressWarnings("unchecked")
	private static int stepsRunBy(RestClient instance) {
		Map<String, Object> sample = instance.get().uri("/actuator/zkworkflow/sample").retrieve().body(JSON);
		return ((Number) sample.get("stepsRunHere")).intValue();
	}

	private static ConfigurableApplicationContext start() {
		return new SpringApplicationBuilder(SampleApplication.class).run("--server.port=0",
				"--zk-workflow.embedded.enabled=false", "--spring.cloud.zookeeper.connect-string=" + zookeeper.connectString(),
				"--spring.cloud.zookeeper.session-timeout=10s");
	}

	private static RestClient client(ConfigurableApplicationContext context) {
		return RestClient.create("http://localhost:" + port(context));
	}

	private static int port(ConfigurableApplicationContext context) {
		return ((WebServerApplicationContext) context).getWebServer().getPort();
	}

}

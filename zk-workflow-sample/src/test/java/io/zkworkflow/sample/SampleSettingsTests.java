package io.zkworkflow.sample;

import org.junit.jupiter.api.Test;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The live settings as the README shows them: admins change them (with the CSRF token), a value
 * an instance would refuse is refused, and checkout switched off refuses orders.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "zk-workflow.embedded.port=0", "zk-workflow.security.digest=sample:sample-secret" })
class SampleSettingsTests {

	@LocalServerPort
	int port;

	@Test
	void onlyAdminsChangeSettingsAndAnInvalidDocumentIsRefused() {
		SampleClient client = SampleClient.on(this.port);
		String document = "{\"discountRate\": 0.9, \"currency\": \"EUR\"}";
		assertThat(put(client, "viewer", "orders.pricing", document).getStatusCode().value()).isEqualTo(403);
		ResponseEntity<String> refused = put(client, "admin", "orders.pricing", document);
		assertThat(refused.getStatusCode().value()).isEqualTo(400);
		assertThat(refused.getBody()).contains("\"refused\":\"orders.pricing\"");
		assertThat(client.http().get().uri("/settings").retrieve().body(String.class)).contains("orders.pricing")
			.doesNotContain("0.9");
	}

	@Test
	void checkoutSwitchedOffRefusesOrders() {
		SampleClient client = SampleClient.on(this.port);
		try {
			assertThat(put(client, "admin", "orders.checkout-enabled", "false").getStatusCode().value()).isEqualTo(200);
			await().until(() -> client.placeOrder("alice", "while-closed", "c1") == 503);
			ResponseEntity<String> refused = client.http()
				.post()
				.uri("/orders")
				.headers(client.csrfAs("alice"))
				.header(HttpHeaders.CONTENT_TYPE, "application/json")
				.body("{\"customerId\": \"c1\", \"lines\": [{\"item\": \"pen\", \"quantity\": 1, \"unitPrice\": 2}]}")
				.retrieve()
				.toEntity(String.class);
			assertThat(refused.getStatusCode().value()).isEqualTo(503);
			assertThat(refused.getHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
		}
		finally {
			assertThat(put(client, "admin", "orders.checkout-enabled", "true").getStatusCode().value()).isEqualTo(200);
		}
		await().until(() -> client.placeOrder("alice", "after-reopening", "c1") == 202);
	}

	private static ResponseEntity<String> put(SampleClient client, String user, String key, String value) {
		return client.http()
			.put()
			.uri("/settings/{key}", key)
			.headers(client.csrfAs(user))
			.header(HttpHeaders.CONTENT_TYPE, "text/plain")
			.body(value)
			.retrieve()
			.toEntity(String.class);
	}

}

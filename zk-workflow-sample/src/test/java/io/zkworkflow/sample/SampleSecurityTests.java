package io.zkworkflow.sample;

import java.net.HttpCookie;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.HttpHeaders;
import org.springframework.http.ResponseEntity;
import org.springframework.util.LinkedMultiValueMap;
import org.springframework.util.MultiValueMap;
import org.springframework.web.client.RestClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * CSRF protection on every unsafe request (the actuator's included), the token in the
 * {@code XSRF-TOKEN} cookie and the {@code X-XSRF-TOKEN} header; health details for admins only.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "zk-workflow.embedded.port=0", "zk-workflow.security.digest=sample:sample-secret" })
class SampleSecurityTests {

	private static final String RETRY = "/actuator/zkworkflow/tasks/retry";

	private static final String NOTHING_HERE = "{\"id\": \"audit-order/nothing-here\"}";

	@LocalServerPort
	int port;

	@Test
	void anOrderWithoutTheCsrfTokenIsRefusedAndWithItAccepted() {
		SampleClient client = SampleClient.on(this.port);
		Map<String, Object> order = Map.of("id", "csrf-1", "customerId", "c1", "lines",
				List.of(Map.of("item", "pen", "quantity", 1, "unitPrice", 2)));
		assertThat(status(client.http().post().uri("/orders").headers((headers) -> headers.setBasicAuth("alice", "alice"))
			.header(HttpHeaders.CONTENT_TYPE, "application/json").body(order))).as("no token").isEqualTo(403);
		String token = client.csrfToken();
		assertThat(status(client.http().post().uri("/orders").headers((headers) -> {
			headers.setBasicAuth("alice", "alice");
			headers.add(HttpHeaders.COOKIE, SampleClient.CSRF_COOKIE + "=" + token);
			headers.set(SampleClient.CSRF_HEADER, "not-" + token);
		}).header(HttpHeaders.CONTENT_TYPE, "application/json").body(order))).as("wrong token").isEqualTo(403);
		assertThat(status(client.http().post().uri("/orders").headers((headers) -> {
			headers.setBasicAuth("alice", "alice");
			headers.set(SampleClient.CSRF_HEADER, token);
		}).header(HttpHeaders.CONTENT_TYPE, "application/json").body(order))).as("header without its cookie")
			.isEqualTo(403);
		assertThat(client.placeOrder("alice", "csrf-1", "c1")).as("with the token").isEqualTo(202);
	}

	@Test
	void placingAnOrderNeedsALogin() {
		SampleClient client = SampleClient.on(this.port);
		String token = client.csrfToken();
		assertThat(status(client.http().post().uri("/orders").headers((headers) -> {
			headers.add(HttpHeaders.COOKIE, SampleClient.CSRF_COOKIE + "=" + token);
			headers.set(SampleClient.CSRF_HEADER, token);
		}).header(HttpHeaders.CONTENT_TYPE, "application/json").body(Map.of("customerId", "c1", "lines",
				List.of(Map.of("item", "pen", "quantity", 1, "unitPrice", 2)))))).isEqualTo(401);
	}

	@Test
	void actuatorWriteOperationsNeedTheCsrfTokenToo() {
		SampleClient client = SampleClient.on(this.port);
		assertThat(status(client.http().post().uri(RETRY).headers((headers) -> headers.setBasicAuth("admin", "admin"))
			.header(HttpHeaders.CONTENT_TYPE, "application/json").body(NOTHING_HERE))).as("no token").isEqualTo(403);
		String answer = client.http().post().uri(RETRY).headers(client.csrfAs("admin"))
			.header(HttpHeaders.CONTENT_TYPE, "application/json").body(NOTHING_HERE).retrieve().body(String.class);
		assertThat(answer).contains("\"retried\":false");
	}

	@Test
	void theDashboardsSessionNeedsTheTokenForWrites() {
		// what a browser does: log in through the form, then call the endpoint with the session cookie
		SampleClient client = SampleClient.on(this.port);
		String loginToken = client.csrfToken();
		MultiValueMap<String, String> form = new LinkedMultiValueMap<>();
		form.add("username", "admin");
		form.add("password", "admin");
		ResponseEntity<Void> login = client.http().post().uri("/login").headers((headers) -> {
			headers.add(HttpHeaders.COOKIE, SampleClient.CSRF_COOKIE + "=" + loginToken);
			headers.set(SampleClient.CSRF_HEADER, loginToken);
		}).body(form).retrieve().toBodilessEntity();
		assertThat(login.getStatusCode().is3xxRedirection()).as("logged in").isTrue();
		assertThat(login.getHeaders().getLocation()).as("logged in, not sent back to the form").hasPath("/");
		String session = cookie(login, "JSESSIONID");
		assertThat(status(client.http().post().uri(RETRY)
			.header(HttpHeaders.COOKIE, "JSESSIONID=" + session)
			.header(HttpHeaders.CONTENT_TYPE, "application/json").body(NOTHING_HERE)))
			.as("session cookie alone, as a page of another site could send it").isEqualTo(403);
		String token = client.csrfToken();
		String answer = client.http().post().uri(RETRY)
			.header(HttpHeaders.COOKIE, "JSESSIONID=" + session + "; " + SampleClient.CSRF_COOKIE + "=" + token)
			.header(SampleClient.CSRF_HEADER, token)
			.header(HttpHeaders.CONTENT_TYPE, "application/json").body(NOTHING_HERE).retrieve().body(String.class);
		assertThat(answer).as("session cookie and token, as the dashboard's script sends them")
			.contains("\"retried\":false");
	}

	@Test
	void healthDetailsAreShownToAdminsOnly() {
		RestClient http = SampleClient.on(this.port).http();
		String anonymous = http.get().uri("/actuator/health").retrieve().body(String.class);
		String viewer = http.get().uri("/actuator/health").headers((headers) -> headers.setBasicAuth("viewer", "viewer"))
			.retrieve().body(String.class);
		String admin = http.get().uri("/actuator/health").headers((headers) -> headers.setBasicAuth("admin", "admin"))
			.retrieve().body(String.class);
		assertThat(anonymous).contains("\"status\":\"UP\"").contains("\"zkworkflow\"").doesNotContain("rootPath");
		assertThat(viewer).contains("\"zkworkflow\"").doesNotContain("rootPath");
		assertThat(admin).contains("\"status\":\"UP\"").contains("\"rootPath\":\"/zk-workflow\"");
	}

	private static int status(RestClient.RequestHeadersSpec<?> request) {
		return request.retrieve().toBodilessEntity().getStatusCode().value();
	}

	private static String cookie(ResponseEntity<?> response, String name) {
		return response.getHeaders()
			.getOrEmpty(HttpHeaders.SET_COOKIE)
			.stream()
			.flatMap((header) -> HttpCookie.parse(header).stream())
			.filter((cookie) -> cookie.getName().equals(name))
			.map(HttpCookie::getValue)
			.findFirst()
			.orElseThrow(() -> new AssertionError("No " + name + " cookie in " + response.getHeaders()));
	}

}

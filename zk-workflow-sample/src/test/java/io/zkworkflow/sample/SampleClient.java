package io.zkworkflow.sample;

import java.net.HttpCookie;
import java.net.http.HttpClient;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

import org.springframework.http.HttpHeaders;
import org.springframework.http.client.JdkClientHttpRequestFactory;
import org.springframework.web.client.RestClient;

/**
 * What a non-browser client of the sample does: authenticates with HTTP Basic and, for unsafe
 * requests, reads the CSRF token from the {@code XSRF-TOKEN} cookie of any answer and sends it
 * back as cookie and {@code X-XSRF-TOKEN} header. Statuses never throw and redirects are not
 * followed, so tests see every answer as it is.
 */
public final class SampleClient {

	/** The cookie Spring Security's CookieCsrfTokenRepository keeps the token in. */
	public static final String CSRF_COOKIE = "XSRF-TOKEN";

	/** The header it reads the token from. */
	public static final String CSRF_HEADER = "X-XSRF-TOKEN";

	private final RestClient http;

	private SampleClient(RestClient http) {
		this.http = http;
	}

	/**
	 * Return a client of the sample on this machine.
	 * @param port its web port
	 * @return the client
	 */
	public static SampleClient on(int port) {
		HttpClient jdk = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();
		return new SampleClient(RestClient.builder()
			.baseUrl("http://localhost:" + port)
			.requestFactory(new JdkClientHttpRequestFactory(jdk))
			.defaultStatusHandler((status) -> true, (request, response) -> {
			})
			.build());
	}

	/**
	 * Return the underlying client.
	 * @return the client
	 */
	public RestClient http() {
		return this.http;
	}

	/**
	 * Fetch a fresh CSRF token: the sample sets its cookie on the answer to any request that
	 * carries none.
	 * @return the token
	 */
	public String csrfToken() {
		List<String> cookies = this.http.get()
			.uri("/actuator/health")
			.exchange((request, response) -> response.getHeaders().getOrEmpty(HttpHeaders.SET_COOKIE));
		return cookies.stream()
			.flatMap((header) -> HttpCookie.parse(header).stream())
			.filter((cookie) -> cookie.getName().equals(CSRF_COOKIE) && !cookie.getValue().isEmpty())
			.map(HttpCookie::getValue)
			.findFirst()
			.orElseThrow(() -> new AssertionError("No " + CSRF_COOKIE + " cookie in " + cookies));
	}

	/**
	 * Return headers that carry a fresh CSRF token and a demo user's Basic credentials.
	 * @param user the user, whose name is also the password
	 * @return the headers
	 */
	public Consumer<HttpHeaders> csrfAs(String user) {
		String token = csrfToken();
		return (headers) -> {
			headers.add(HttpHeaders.COOKIE, CSRF_COOKIE + "=" + token);
			headers.set(CSRF_HEADER, token);
			headers.setBasicAuth(user, user);
		};
	}

	/**
	 * Place an order of one line as a user, with a CSRF token, and return the HTTP status.
	 * @param user the user (also the password)
	 * @param id the order id
	 * @param customerId the customer
	 * @return the status code
	 */
	public int placeOrder(String user, String id, String customerId) {
		return this.http.post()
			.uri("/orders")
			.headers(csrfAs(user))
			.header(HttpHeaders.CONTENT_TYPE, "application/json")
			.body(Map.of("id", id, "customerId", customerId, "lines",
					List.of(Map.of("item", "book", "quantity", 1, "unitPrice", 12))))
			.retrieve()
			.toBodilessEntity()
			.getStatusCode()
			.value();
	}

	/**
	 * Confirm an order's payment as a user, with a CSRF token, and return the HTTP status.
	 * @param user the user (also the password)
	 * @param id the order id
	 * @return the status code
	 */
	public int confirmPayment(String user, String id) {
		return this.http.post()
			.uri("/orders/{id}/payment", id)
			.headers(csrfAs(user))
			.retrieve()
			.toBodilessEntity()
			.getStatusCode()
			.value();
	}

	/**
	 * Place an order of one line and confirm its payment at once, as a user whose order runs
	 * to its end, and return the status of the placement.
	 * @param user the user (also the password)
	 * @param id the order id
	 * @param customerId the customer
	 * @return the status code of the placement
	 */
	public int placePaidOrder(String user, String id, String customerId) {
		int placed = placeOrder(user, id, customerId);
		if (placed == 202) {
			int paid = confirmPayment(user, id);
			if (paid != 200) {
				throw new AssertionError("Confirming the payment of order '" + id + "' answered " + paid);
			}
		}
		return placed;
	}

}

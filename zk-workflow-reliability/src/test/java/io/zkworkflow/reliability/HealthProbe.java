package io.zkworkflow.reliability;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Reads a web worker's {@code zkworkflow} health component over HTTP
 * ({@code /actuator/health/zkworkflow}), as a load balancer's probe would. Not the aggregate
 * {@code /actuator/health}: during an ensemble outage spring-cloud-zookeeper's {@code zookeeper}
 * component makes a ZooKeeper call that waits on the client's retries, and the aggregate did not
 * answer within 5 s.
 */
final class HealthProbe {

	/** What {@link #zkWorkflowStatus} returns when the worker does not answer. */
	static final String UNREACHABLE = "UNREACHABLE";

	private static final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

	private static final JsonMapper json = JsonMapper.builder().build();

	private HealthProbe() {
	}

	/**
	 * Return the status of the {@code zkworkflow} health component.
	 * @param port the worker's web port
	 * @return {@code UP}, {@code DOWN}, ..., or {@link #UNREACHABLE}
	 */
	static String zkWorkflowStatus(int port) {
		HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/actuator/health/zkworkflow"))
			.timeout(Duration.ofSeconds(5))
			.build();
		try {
			HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
			JsonNode health = json.readTree(response.body());
			return health.path("status").asString(UNREACHABLE);
		}
		catch (IOException ex) {
			return UNREACHABLE;
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return UNREACHABLE;
		}
	}

}

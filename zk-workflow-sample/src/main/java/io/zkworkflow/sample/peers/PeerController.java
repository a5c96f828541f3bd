package io.zkworkflow.sample.peers;

import java.util.List;
import java.util.Map;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.cloud.client.ServiceInstance;
import org.springframework.cloud.client.discovery.DiscoveryClient;
import org.springframework.cloud.client.serviceregistry.Registration;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.client.RestClient;
import org.springframework.web.server.ResponseStatusException;

/**
 * Service discovery in place of the seed's {@code discoverService($serviceName)}: instances find
 * each other by service name through spring-cloud-zookeeper, on the same session as the rest of
 * zk-workflow.
 */
@RestController
class PeerController {

	/** Discovery metadata key under which zk-workflow publishes an instance's member id. */
	private static final String MEMBER_KEY = "zk-workflow.member";

	private final DiscoveryClient discovery;

	private final RestClient.Builder restClients;

	private final String serviceName;

	private final Registration self;

	PeerController(DiscoveryClient discovery, RestClient.Builder restClients,
			@Value("${spring.application.name}") String serviceName, Registration self) {
		this.discovery = discovery;
		this.restClients = restClients;
		this.serviceName = serviceName;
		this.self = self;
	}

	/** Who answers: this instance's zk-workflow member id, as published in its discovery metadata. */
	@GetMapping("/whoami")
	Map<String, String> whoami() {
		return Map.of("member", memberId());
	}

	private String memberId() {
		return this.self.getMetadata().getOrDefault(MEMBER_KEY, "unknown");
	}

	/** Every instance of this service that discovery knows, with its metadata. */
	@GetMapping("/peers")
	List<Map<String, Object>> peers() {
		return this.discovery.getInstances(this.serviceName)
			.stream()
			.map((instance) -> Map.<String, Object>of("uri", instance.getUri().toString(), "metadata",
					instance.getMetadata()))
			.toList();
	}

	/** Asks another instance, found by service name, who it is. */
	@GetMapping("/peers/call")
	Map<String, Object> callPeer() {
		ServiceInstance peer = this.discovery.getInstances(this.serviceName)
			.stream()
			.filter((instance) -> !memberId().equals(instance.getMetadata().get(MEMBER_KEY)))
			.findFirst()
			.orElseThrow(() -> new ResponseStatusException(HttpStatus.SERVICE_UNAVAILABLE,
					"No other instance of '" + this.serviceName + "' is registered; start a second one (see README)"));
		Map<?, ?> answer = this.restClients.build().get().uri(peer.getUri() + "/whoami").retrieve().body(Map.class);
		return Map.of("me", memberId(), "peer", peer.getUri().toString(), "peerSays", answer);
	}

}

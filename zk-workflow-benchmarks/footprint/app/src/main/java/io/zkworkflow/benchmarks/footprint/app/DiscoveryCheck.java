package io.zkworkflow.benchmarks.footprint.app;

import java.util.List;

import org.apache.curator.framework.CuratorFramework;
import org.apache.curator.utils.ZKPaths;

import org.springframework.cloud.client.discovery.DiscoveryClient;
import org.springframework.cloud.zookeeper.discovery.ZookeeperDiscoveryProperties;
import org.springframework.cloud.zookeeper.serviceregistry.ServiceInstanceRegistration;
import org.springframework.cloud.zookeeper.serviceregistry.ZookeeperRegistration;
import org.springframework.cloud.zookeeper.serviceregistry.ZookeeperServiceRegistry;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The instance under {@code /services/<application name>}, seen by the {@link DiscoveryClient}.
 * spring-cloud-zookeeper registers an instance when its web server starts. These applications
 * have none, and run with {@code spring.cloud.service-registry.auto-registration.enabled=false}:
 * on Spring Boot 4 without the web server module, the auto-registration bean cannot even be
 * introspected (it listens for the web server's event) and the context fails to start. So the
 * check registers the instance itself through the auto-configured {@link ZookeeperServiceRegistry},
 * as a non-web application has to, and reports whether it had registered by itself.
 */
final class DiscoveryCheck {

	private static final long WAIT_NANOS = 10_000_000_000L;

	private DiscoveryCheck() {
	}

	static String run(ConfigurableApplicationContext context, CuratorFramework curator) {
		String name = context.getEnvironment().getRequiredProperty("spring.application.name");
		String service = ZKPaths.makePath(context.getBean(ZookeeperDiscoveryProperties.class).getRoot(), name);
		boolean registeredByItself = !instances(curator, service).isEmpty();
		if (!registeredByItself) {
			ZookeeperRegistration registration = context.getBeanProvider(ZookeeperRegistration.class)
				.getIfAvailable(() -> ServiceInstanceRegistration.builder()
					.defaultUriSpec()
					.address("localhost")
					.port(0)
					.name(name)
					.build());
			context.getBean(ZookeeperServiceRegistry.class).register(registration);
		}
		List<String> instances = instances(curator, service);
		if (instances.size() != 1) {
			throw new IllegalStateException("expected one instance under " + service + ", found " + instances);
		}
		int seen = awaitInstances(context.getBean(DiscoveryClient.class), name);
		return "registered-by-itself=" + registeredByItself + " registered=" + ZKPaths.makePath(service, instances.get(0))
				+ " discovery-client-instances=" + seen;
	}

	private static List<String> instances(CuratorFramework curator, String service) {
		try {
			return (curator.checkExists().forPath(service) != null) ? curator.getChildren().forPath(service) : List.of();
		}
		catch (Exception ex) {
			throw new IllegalStateException("cannot read " + service, ex);
		}
	}

	private static int awaitInstances(DiscoveryClient discovery, String name) {
		long deadline = System.nanoTime() + WAIT_NANOS;
		int seen = discovery.getInstances(name).size();
		while (seen == 0 && System.nanoTime() < deadline) {
			try {
				Thread.sleep(20);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				break;
			}
			seen = discovery.getInstances(name).size();
		}
		if (seen != 1) {
			throw new IllegalStateException("DiscoveryClient sees " + seen + " instances of " + name);
		}
		return seen;
	}

}

package io.zkworkflow.benchmarks.capability;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Starts application instances for a subject: each a Spring context with its own ZooKeeper
 * session (spring-cloud-zookeeper's auto-configuration pointed at the run's ZooKeeper), like
 * separate processes of one fleet. Closes them all, newest first.
 */
final class AppInstances implements AutoCloseable {

	static {
		// the harness owns logging (logback.xml: errors only, on standard error)
		System.setProperty("org.springframework.boot.logging.LoggingSystem", "none");
	}

	private final String connectString;

	private final List<ConfigurableApplicationContext> contexts = Collections.synchronizedList(new ArrayList<>());

	AppInstances(String connectString) {
		this.connectString = connectString;
	}

	/**
	 * Start one instance.
	 * @param sources the configuration classes (auto-configurations to import and the app's beans)
	 * @param properties extra {@code key=value} properties
	 * @return the started context
	 */
	ConfigurableApplicationContext start(Class<?>[] sources, String... properties) {
		List<String> all = new ArrayList<>(List.of("spring.cloud.zookeeper.connect-string=" + this.connectString,
				"spring.cloud.zookeeper.session-timeout=30s", "spring.cloud.zookeeper.connection-timeout=15s",
				"spring.cloud.zookeeper.discovery.enabled=false", "spring.main.banner-mode=off",
				"spring.main.log-startup-info=false"));
		all.addAll(List.of(properties));
		ConfigurableApplicationContext context = new SpringApplicationBuilder(sources).web(WebApplicationType.NONE)
			.properties(all.toArray(String[]::new))
			.run();
		this.contexts.add(context);
		return context;
	}

	/**
	 * Close one instance now.
	 * @param context a context started here
	 */
	void stop(ConfigurableApplicationContext context) {
		this.contexts.remove(context);
		context.close();
	}

	@Override
	public void close() {
		List<ConfigurableApplicationContext> open;
		synchronized (this.contexts) {
			open = new ArrayList<>(this.contexts);
			this.contexts.clear();
		}
		Collections.reverse(open);
		open.forEach(ConfigurableApplicationContext::close);
	}

}

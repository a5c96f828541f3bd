package io.zkworkflow.test;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.function.Supplier;

import org.apache.curator.framework.CuratorFramework;
import org.apache.curator.test.KillSession;

import org.springframework.boot.Banner;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Several instances of an application in one JVM, each a Spring Boot context with its own
 * ZooKeeper session, all on one connect string, like separate processes of one fleet:
 *
 * <pre class="code">
 * try (ZkInstances instances = ZkInstances.on(zookeeper).sources(Infrastructure.class)) {
 *     instances.start(Worker.class, "spring.cloud.zookeeper.session-timeout=4s");
 *     instances.start(Worker.class);
 *     instances.expireSession(0);
 *     instances.get(1).getBean(TaskClient.class)...
 * }
 * </pre>
 *
 * Every instance runs without a web server, with spring-cloud-zookeeper's discovery off, and
 * with its {@code spring.cloud.zookeeper.connect-string} set; whatever the sources import
 * (spring-cloud-zookeeper's {@code ZookeeperAutoConfiguration} for the client, the
 * auto-configurations under test) is up to the caller. Instances keep their start order as
 * their index; {@link #close()} closes those still running, newest first.
 */
public final class ZkInstances implements AutoCloseable {

	private final Supplier<String> connectString;

	private final List<Class<?>> sources = new ArrayList<>();

	private final List<String> properties = new ArrayList<>();

	private final List<ConfigurableApplicationContext> started = new ArrayList<>();

	private ZkInstances(Supplier<String> connectString) {
		this.connectString = connectString;
	}

	/**
	 * Instances on the server of a {@link ZooKeeperServerExtension}; its connect string is read
	 * when an instance starts, so this may be created before the server runs.
	 * @param zookeeper the server
	 * @return instances connecting to it
	 */
	public static ZkInstances on(ZooKeeperServerExtension zookeeper) {
		return new ZkInstances(zookeeper::connectString);
	}

	/**
	 * Instances on the ensemble of a {@link ZooKeeperClusterExtension}.
	 * @param ensemble the ensemble
	 * @return instances connecting to it
	 */
	public static ZkInstances on(ZooKeeperClusterExtension ensemble) {
		return new ZkInstances(ensemble::connectString);
	}

	/**
	 * Instances on any ZooKeeper.
	 * @param connectString its connect string
	 * @return instances connecting to it
	 */
	public static ZkInstances on(String connectString) {
		return new ZkInstances(() -> connectString);
	}

	/**
	 * Add sources (configuration classes) that every instance started from now on includes,
	 * after its own.
	 * @param sources the configuration classes
	 * @return these instances
	 */
	public ZkInstances sources(Class<?>... sources) {
		this.sources.addAll(List.of(sources));
		return this;
	}

	/**
	 * Add {@code key=value} properties that every instance started from now on gets. An
	 * instance's own properties override them.
	 * @param properties the properties
	 * @return these instances
	 */
	public ZkInstances properties(String... properties) {
		this.properties.addAll(List.of(properties));
		return this;
	}

	/**
	 * Start one instance.
	 * @param source the instance's own configuration class
	 * @param properties its own {@code key=value} properties
	 * @return the running context
	 */
	public ConfigurableApplicationContext start(Class<?> source, String... properties) {
		return start(new Class<?>[] { source }, properties);
	}

	/**
	 * Start one instance.
	 * @param sources the instance's own configuration classes
	 * @param properties its own {@code key=value} properties
	 * @return the running context
	 */
	public ConfigurableApplicationContext start(Class<?>[] sources, String... properties) {
		return startOn(this.connectString.get(), sources, properties);
	}

	/**
	 * Start one instance on another connect string than the others, for example through a
	 * proxy that the test cuts.
	 * @param connectString where this instance connects
	 * @param source the instance's own configuration class
	 * @param properties its own {@code key=value} properties
	 * @return the running context
	 */
	public ConfigurableApplicationContext startOn(String connectString, Class<?> source, String... properties) {
		return startOn(connectString, new Class<?>[] { source }, properties);
	}

	private ConfigurableApplicationContext startOn(String connectString, Class<?>[] sources, String... properties) {
		List<Class<?>> all = new ArrayList<>(List.of(sources));
		all.addAll(this.sources);
		// later entries win: the fixture's defaults, then the shared properties, then the instance's
		List<String> settings = new ArrayList<>(List.of("spring.cloud.zookeeper.connect-string=" + connectString,
				"spring.cloud.zookeeper.discovery.enabled=false"));
		settings.addAll(this.properties);
		settings.addAll(List.of(properties));
		ConfigurableApplicationContext context = new SpringApplicationBuilder(all.toArray(Class<?>[]::new))
			.web(WebApplicationType.NONE)
			.bannerMode(Banner.Mode.OFF)
			.registerShutdownHook(false)
			.properties(settings.toArray(String[]::new))
			.run();
		synchronized (this.started) {
			this.started.add(context);
		}
		return context;
	}

	/**
	 * Return an instance started earlier, running or stopped.
	 * @param index the instance, in start order from 0
	 * @return its context
	 */
	public ConfigurableApplicationContext get(int index) {
		synchronized (this.started) {
			if (index < 0 || index >= this.started.size()) {
				throw new IllegalArgumentException(
						"No instance " + index + ": " + this.started.size() + " started so far (indexes from 0)");
			}
			return this.started.get(index);
		}
	}

	/**
	 * Return every instance started so far, running or stopped, in start order.
	 * @return the contexts
	 */
	public List<ConfigurableApplicationContext> all() {
		synchronized (this.started) {
			return List.copyOf(this.started);
		}
	}

	/**
	 * Return the instances still running, in start order.
	 * @return the running contexts
	 */
	public List<ConfigurableApplicationContext> running() {
		return all().stream().filter(ConfigurableApplicationContext::isActive).toList();
	}

	/**
	 * Expire an instance's ZooKeeper session on the server side, as a long pause or a network
	 * partition would (Curator's {@link KillSession}). The instance's client then reconnects
	 * with a new session.
	 * @param index the instance
	 */
	public void expireSession(int index) {
		expireSession(get(index));
	}

	/**
	 * Expire the ZooKeeper session of a context's {@link CuratorFramework}.
	 * @param context a running context with one Curator client
	 */
	public static void expireSession(ConfigurableApplicationContext context) {
		try {
			KillSession.kill(context.getBean(CuratorFramework.class).getZookeeperClient().getZooKeeper());
		}
		catch (Exception ex) {
			throw new IllegalStateException("Could not expire the session of " + context.getId()
					+ " (is its client connected?)", ex);
		}
	}

	/**
	 * Stop an instance now, as a graceful shutdown does. Its index stays taken.
	 * @param index the instance
	 */
	public void stop(int index) {
		get(index).close();
	}

	/**
	 * Stop every instance still running, newest first.
	 */
	@Override
	public void close() {
		List<ConfigurableApplicationContext> open;
		synchronized (this.started) {
			open = new ArrayList<>(this.started);
			this.started.clear();
		}
		Collections.reverse(open);
		open.forEach(ConfigurableApplicationContext::close);
	}

}

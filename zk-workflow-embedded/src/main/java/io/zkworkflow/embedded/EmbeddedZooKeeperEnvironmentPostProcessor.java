package io.zkworkflow.embedded;

import java.util.Map;

import org.apache.commons.logging.Log;

import org.springframework.beans.factory.support.DefaultListableBeanFactory;
import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.bootstrap.ConfigurableBootstrapContext;
import org.springframework.boot.context.config.ConfigDataEnvironmentPostProcessor;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.logging.DeferredLogFactory;
import org.springframework.context.aot.AbstractAotProcessor;
import org.springframework.core.Ordered;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

/**
 * Starts the embedded ZooKeeper when {@code zk-workflow.embedded.enabled=true}, before any client
 * exists, and points {@code spring.cloud.zookeeper.connect-string} at it. The server becomes the
 * {@code zkWorkflowEmbeddedZooKeeper} bean and stops when the application context closes.
 * <p>
 * Nothing starts while Spring's AOT engine processes the application at build time
 * ({@value AbstractAotProcessor#AOT_PROCESSING} is {@code true}): the build refreshes the context
 * only to generate code, and a server there would take the port and outlive nothing useful. An
 * application running the generated code starts the server as usual.
 */
public class EmbeddedZooKeeperEnvironmentPostProcessor implements EnvironmentPostProcessor, Ordered {

	/** Name of the property source that carries the embedded server's connect string. */
	public static final String PROPERTY_SOURCE_NAME = "zkWorkflowEmbeddedZooKeeper";

	/** Name of the bean the running server is registered as. */
	public static final String BEAN_NAME = "zkWorkflowEmbeddedZooKeeper";

	private final Log logger;

	private final ConfigurableBootstrapContext bootstrapContext;

	public EmbeddedZooKeeperEnvironmentPostProcessor(DeferredLogFactory logFactory,
			ConfigurableBootstrapContext bootstrapContext) {
		this.logger = logFactory.getLog(EmbeddedZooKeeperEnvironmentPostProcessor.class);
		this.bootstrapContext = bootstrapContext;
	}

	@Override
	public int getOrder() {
		return ConfigDataEnvironmentPostProcessor.ORDER + 10;
	}

	@Override
	public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
		Binder binder = Binder.get(environment);
		if (!binder.bind("zk-workflow.enabled", Boolean.class).orElse(true)) {
			return;
		}
		// bound even when the server is off, so that a bad value fails startup like any other property
		EmbeddedZooKeeperProperties settings = binder
			.bind(EmbeddedZooKeeperProperties.PREFIX, Bindable.of(EmbeddedZooKeeperProperties.class))
			.orElseGet(EmbeddedZooKeeperProperties::new);
		if (!settings.isEnabled() || environment.getPropertySources().contains(PROPERTY_SOURCE_NAME)) {
			return;
		}
		if (isAotProcessing()) {
			this.logger.debug("Embedded ZooKeeper not started: the application is being processed ahead of time");
			return;
		}
		EmbeddedZooKeeper server = EmbeddedZooKeeper.start(settings.getPort(), settings.getDataDir());
		environment.getPropertySources()
			.addFirst(new MapPropertySource(PROPERTY_SOURCE_NAME,
					Map.of("spring.cloud.zookeeper.connect-string", server.connectString())));
		this.logger.info("Embedded ZooKeeper started; spring.cloud.zookeeper.connect-string="
				+ server.connectString() + " (data in " + server.dataDir()
				+ (server.isTemporary() ? ", removed on shutdown)" : ")"));
		this.bootstrapContext.addCloseListener((event) -> {
			DefaultListableBeanFactory beanFactory = (DefaultListableBeanFactory) event.getApplicationContext()
				.getBeanFactory();
			beanFactory.registerSingleton(BEAN_NAME, server);
			beanFactory.registerDisposableBean(BEAN_NAME, server::close);
		});
	}

	/**
	 * Whether Spring's AOT engine is processing the application at build time. Boot's
	 * {@code process-aot} sets the system property for the duration of the processing.
	 * @return {@code true} during build-time AOT processing
	 */
	static boolean isAotProcessing() {
		return Boolean.getBoolean(AbstractAotProcessor.AOT_PROCESSING);
	}

}

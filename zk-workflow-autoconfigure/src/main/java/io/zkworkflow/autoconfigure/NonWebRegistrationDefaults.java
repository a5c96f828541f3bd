package io.zkworkflow.autoconfigure;

import java.util.Map;

import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.core.Ordered;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;
import org.springframework.util.ClassUtils;

/**
 * Lets an application without a web server start with the starter. Spring Cloud's automatic
 * service registration waits for the web server's initialized event, whose class lives in
 * Spring Boot's web server module; without that module its auto-configuration fails to load
 * and the context does not start. Where the class is absent, and the application has not said
 * otherwise, automatic registration defaults to off: it would never have fired, since no web
 * server starts. Locks, tasks, workflows and configuration work as in any other application.
 */
public final class NonWebRegistrationDefaults implements EnvironmentPostProcessor, Ordered {

	static final String AUTO_REGISTRATION = "spring.cloud.service-registry.auto-registration.enabled";

	static final String WEB_SERVER_EVENT = "org.springframework.boot.web.server.context.WebServerInitializedEvent";

	@Override
	public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
		if (ClassUtils.isPresent(WEB_SERVER_EVENT, application.getClassLoader())
				|| environment.containsProperty(AUTO_REGISTRATION)) {
			return;
		}
		environment.getPropertySources()
			.addLast(new MapPropertySource("zkWorkflowNonWebRegistrationDefaults", Map.of(AUTO_REGISTRATION, "false")));
	}

	@Override
	public int getOrder() {
		// after the configuration files are read, so that a setting of the application wins
		return Ordered.LOWEST_PRECEDENCE;
	}

}

package io.zkworkflow.autoconfigure;

import io.zkworkflow.lock.DistributedLockTemplate;
import io.zkworkflow.lock.LockContext;
import io.zkworkflow.lock.LockRequest;
import io.zkworkflow.test.ZooKeeperServerExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.io.DefaultResourceLoader;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * An application without Spring Boot's web server module starts with the starter, as a
 * worker-only application does, and its locks work.
 */
class NonWebRegistrationDefaultsTests {

	@RegisterExtension
	static final ZooKeeperServerExtension zookeeper = new ZooKeeperServerExtension();

	@Test
	void anApplicationWithoutTheWebServerModuleStarts() throws Exception {
		try (ConfigurableApplicationContext context = run()) {
			assertThat(context.isRunning()).isTrue();
			assertThat(context.getEnvironment().getProperty(NonWebRegistrationDefaults.AUTO_REGISTRATION))
				.isEqualTo("false");
			Long token = context.getBean(DistributedLockTemplate.class)
				.execute(LockRequest.exclusive("worker"), () -> LockContext.current().fencingToken());
			assertThat(token).isPositive();
		}
	}

	@Test
	void anApplicationsOwnSettingWins() {
		try (ConfigurableApplicationContext context = run(
				"--" + NonWebRegistrationDefaults.AUTO_REGISTRATION + "=false")) {
			assertThat(context.getEnvironment().getPropertySources().contains("zkWorkflowNonWebRegistrationDefaults"))
				.isFalse();
		}
	}

	private static ConfigurableApplicationContext run(String... args) {
		FilteredClassLoader withoutWebServer = new FilteredClassLoader(NonWebRegistrationDefaults.WEB_SERVER_EVENT);
		SpringApplication application = new SpringApplication(new DefaultResourceLoader(withoutWebServer),
				WorkerApp.class);
		application.setWebApplicationType(WebApplicationType.NONE);
		String[] all = new String[args.length + 1];
		all[0] = "--spring.cloud.zookeeper.connect-string=" + zookeeper.connectString();
		System.arraycopy(args, 0, all, 1, args.length);
		return application.run(all);
	}

	@Configuration(proxyBeanMethods = false)
	@EnableAutoConfiguration
	static class WorkerApp {

	}

}

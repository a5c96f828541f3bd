package io.zkworkflow.benchmarks.footprint.app;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.util.ClassUtils;

/**
 * A Spring Boot application with no beans of its own and no web server. It measures itself when
 * ready ({@link ReadyProbe}), then, when ZooKeeper is on its classpath, checks what its variant
 * promises ({@link ZooKeeperCheck}), prints one line each and exits.
 */
@SpringBootApplication(proxyBeanMethods = false)
public class FootprintApplication {

	/** Prefix of the line with the measurements. */
	public static final String READY_LINE = "footprint.ready ";

	/** Prefix of the line with the checks. */
	public static final String CHECK_LINE = "footprint.check ";

	public static void main(String[] args) {
		SpringApplication application = new SpringApplication(FootprintApplication.class);
		application.setWebApplicationType(WebApplicationType.NONE);
		ReadyProbe probe = new ReadyProbe();
		application.addListeners(probe);
		int exitCode = 0;
		try (ConfigurableApplicationContext context = application.run(args)) {
			System.out.println(READY_LINE + probe.figures());
			System.out.println(CHECK_LINE + check(context));
		}
		catch (RuntimeException ex) {
			System.out.println(CHECK_LINE + "failed=" + ex);
			exitCode = 1;
		}
		System.exit(exitCode);
	}

	private static String check(ConfigurableApplicationContext context) {
		ClassLoader loader = FootprintApplication.class.getClassLoader();
		if (!ClassUtils.isPresent("org.apache.curator.framework.CuratorFramework", loader)) {
			return "zookeeper=absent";
		}
		return ZooKeeperCheck.run(context);
	}

}

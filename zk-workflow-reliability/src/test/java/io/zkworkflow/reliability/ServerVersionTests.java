package io.zkworkflow.reliability;

import java.nio.file.Files;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Stream;

import io.zkworkflow.config.ZkConfigTemplate;
import io.zkworkflow.config.ZkConfigValue;
import io.zkworkflow.internal.ZkRoot;
import io.zkworkflow.internal.ZooKeeperServerTooOldException;
import io.zkworkflow.lock.DistributedLockTemplate;
import io.zkworkflow.lock.LockHandle;
import io.zkworkflow.lock.LockNotAcquiredException;
import io.zkworkflow.lock.LockRequest;
import io.zkworkflow.lock.internal.LockPaths;
import io.zkworkflow.task.TaskClient;
import io.zkworkflow.task.TaskContext;
import io.zkworkflow.task.TaskId;
import io.zkworkflow.task.WorkflowTask;
import org.apache.curator.framework.CuratorFramework;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.JsonNode;

import org.springframework.boot.Banner;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.core.env.Environment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.awaitility.Awaitility.await;

/**
 * The ZooKeeper server releases the README's compatibility table names, each a standalone server
 * in its own JVM running that release's jars from Maven Central (copied by this module's build),
 * with the project's own 3.9 client in the test JVM. On 3.6 and later, two applications with
 * the starter share a lock, live configuration and a task; on 3.5 startup fails with the report
 * that names the server's version and the minimum. Runs on every build: no Docker needed.
 */
@ExtendWith(OutputCaptureExtension.class)
class ServerVersionTests {

	private static final Duration WAIT = Duration.ofSeconds(30);

	static Stream<ZooKeeperRelease> supportedReleases() {
		return Stream.concat(Stream.of("3.6.4", "3.7.2", "3.8.4").map(ZooKeeperRelease::copied),
				Stream.of(ZooKeeperRelease.ofTestClasspath()));
	}

	@ParameterizedTest(name = "ZooKeeper {0}")
	@MethodSource("supportedReleases")
	void supportedServerSharesLocksLiveConfigurationAndTasks(ZooKeeperRelease release) throws Exception {
		try (StandaloneZooKeeper server = start(release)) {
			try (ConfigurableApplicationContext first = app().run(arguments(server, "first"));
					ConfigurableApplicationContext second = app().run(arguments(server, "second"))) {
				assertLockIsShared(first, second);
				assertLiveConfigurationReachesBoth(first, second);
				assertTaskRuns(first.getBean(TaskClient.class));
			}
			// nothing the two applications sent made the server log an error (a request type the
			// release does not know, for one). Not counted: 3.7.2 logs "Error closing a command
			// socket" when a srvr poll of the start-up wait comes before its database is loaded
			assertThat(Files.readAllLines(server.log())).as("ERROR lines in %s", server.log())
				.noneMatch((line) -> line.contains(" ERROR ") && !line.contains("Error closing a command socket"));
		}
	}

	@Test
	void zooKeeper35FailsStartupNamingItsVersionAndTheMinimum(CapturedOutput output) {
		try (StandaloneZooKeeper server = start(ZooKeeperRelease.copied("3.5.10"))) {
			Throwable failure = catchThrowable(() -> app().run(arguments(server, "old")).close());
			assertThat(failure).as("startup against ZooKeeper 3.5.10")
				.isNotNull()
				.rootCause()
				.isInstanceOfSatisfying(ZooKeeperServerTooOldException.class,
						(ex) -> assertThat(ex.getServerVersion()).isEqualTo("3.5.10"));
			// what a person reads: the failure analyzer's report
			assertThat(output.getOut() + output.getErr()).contains("APPLICATION FAILED TO START")
				.contains("The ZooKeeper server at '" + server.connectString() + "' runs ZooKeeper 3.5.10")
				.contains("zk-workflow needs ZooKeeper 3.6.0 or later")
				.contains("Upgrade the ZooKeeper servers to 3.6 or later");
		}
	}

	private static StandaloneZooKeeper start(ZooKeeperRelease release) {
		StandaloneZooKeeper server = StandaloneZooKeeper.start(release,
				RunDirectory.of(ServerVersionTests.class, "zookeeper-" + release));
		assertThat(server.reportedVersion()).as("version %s answers with srvr", server).isEqualTo(release.version());
		return server;
	}

	/**
	 * One holder at a time across the two sessions, and a waiter queued behind the holder (its
	 * node in ZooKeeper) gets the lock once it is released.
	 */
	private static void assertLockIsShared(ConfigurableApplicationContext first, ConfigurableApplicationContext second)
			throws Exception {
		DistributedLockTemplate firstLocks = first.getBean(DistributedLockTemplate.class);
		DistributedLockTemplate secondLocks = second.getBean(DistributedLockTemplate.class);
		CuratorFramework curator = first.getBean(CuratorFramework.class);
		String lockDir = new LockPaths(first.getBean(ZkRoot.class)).lockDir("compatibility", null);
		LockRequest request = LockRequest.exclusive("compatibility");
		AtomicBoolean released = new AtomicBoolean();
		CompletableFuture<Boolean> waiter;
		try (LockHandle held = firstLocks.acquire(request)) {
			assertThat(firstLocks.heldLocks()).hasSize(1);
			// another thread, as another instance would: the handle is this thread's lock context
			CompletableFuture<Throwable> tryOnce = CompletableFuture
				.supplyAsync(() -> catchThrowable(() -> secondLocks.acquire(request).close()));
			assertThat(tryOnce.get(WAIT.toSeconds(), TimeUnit.SECONDS)).as("a try while the other session holds it")
				.isInstanceOf(LockNotAcquiredException.class);
			waiter = CompletableFuture.supplyAsync(() -> {
				try {
					return secondLocks.execute(request.withWaitTime(WAIT), released::get);
				}
				catch (Exception ex) {
					throw new IllegalStateException(ex);
				}
			});
			await("the waiter's node beside the holder's in " + lockDir).atMost(WAIT)
				.until(() -> curator.getChildren().forPath(lockDir).size() == 2);
			released.set(true);
		}
		assertThat(waiter.get(WAIT.toSeconds(), TimeUnit.SECONDS)).as("the waiter got the lock after its release")
			.isTrue();
	}

	/** A value one application publishes reaches the other's {@code @ZkConfigValue} field. */
	private static void assertLiveConfigurationReachesBoth(ConfigurableApplicationContext first,
			ConfigurableApplicationContext second) {
		Greeting firstGreeting = first.getBean(Greeting.class);
		Greeting secondGreeting = second.getBean(Greeting.class);
		assertThat(secondGreeting.text).isEqualTo("none");
		first.getBean(ZkConfigTemplate.class).publish("greeting", "hello");
		await().atMost(WAIT).until(() -> "hello".equals(secondGreeting.text) && "hello".equals(firstGreeting.text));
		second.getBean(ZkConfigTemplate.class).publish("greeting", "hello again");
		await().atMost(WAIT).until(() -> "hello again".equals(firstGreeting.text));
	}

	/** A submitted task runs on one of the applications and its result comes back. */
	private static void assertTaskRuns(TaskClient tasks) {
		TaskId id = tasks.submit(Echo.TASK, Map.of("word", "ping"));
		JsonNode result = tasks.result(id, JsonNode.class, WAIT);
		assertThat(result).isNotNull();
		assertThat(result.get("echo").asString()).isEqualTo("ping");
		assertThat(List.of("first", "second")).contains(result.get("by").asString());
	}

	private static SpringApplicationBuilder app() {
		return new SpringApplicationBuilder(CompatibilityApplication.class).main(CompatibilityApplication.class)
			.web(WebApplicationType.NONE)
			.bannerMode(Banner.Mode.OFF);
	}

	private static String[] arguments(StandaloneZooKeeper server, String instance) {
		// spring.config.name: not the sample's application.yml (an embedded server on port 2181),
		// which is on this module's test classpath
		return new String[] { "--spring.config.name=server-versions", "--spring.application.name=compatibility",
				"--spring.cloud.zookeeper.connect-string=" + server.connectString(),
				"--spring.cloud.zookeeper.discovery.enabled=false", "--zk-workflow.embedded.enabled=false",
				"--compatibility.instance=" + instance };
	}

	static class Greeting {

		@ZkConfigValue(key = "greeting", defaultValue = "none")
		volatile String text = "none";

	}

	static class Echo {

		static final String TASK = "compatibility-echo";

		private final String instance;

		Echo(String instance) {
			this.instance = instance;
		}

		@WorkflowTask(name = TASK)
		public Map<String, Object> echo(JsonNode payload, TaskContext context) {
			return Map.of("echo", payload.get("word").asString(), "by", this.instance);
		}

	}

	@SpringBootConfiguration
	@EnableAutoConfiguration
	static class CompatibilityApplication {

		@Bean
		Greeting greeting() {
			return new Greeting();
		}

		@Bean
		Echo echo(Environment environment) {
			return new Echo(environment.getRequiredProperty("compatibility.instance"));
		}

	}

}

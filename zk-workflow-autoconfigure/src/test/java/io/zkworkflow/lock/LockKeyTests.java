package io.zkworkflow.lock;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

import io.zkworkflow.test.ZooKeeperServerExtension;
import org.apache.curator.framework.CuratorFramework;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * Any key becomes one safe znode name; bad declarations fail startup naming class, method and
 * the bad value.
 */
class LockKeyTests {

	@RegisterExtension
	static final ZooKeeperServerExtension zookeeper = new ZooKeeperServerExtension();

	@Test
	void hostileKeysAreConfinedToOneZnodeUnderTheLockName() {
		List<String> keys = List.of("../../x", "a/b", "nul\0key", "x".repeat(10 * 1024), "..", "/");
		run(KeyedConfiguration.class, (context) -> {
			Keyed keyed = context.getBean(Keyed.class);
			CuratorFramework curator = context.getBean(CuratorFramework.class);
			Set<String> names = new HashSet<>();
			for (String key : keys) {
				Set<String> added = new HashSet<>(keyed.childrenWhileLocked(key, curator));
				added.removeAll(names);
				assertThat(added).singleElement().satisfies((name) -> {
					assertThat(name).doesNotContain("/").isNotIn(".", "..").doesNotContain("\0");
					assertThat(name.length()).isLessThanOrEqualTo(300);
				});
				names.addAll(added);
			}
			assertThat(names).hasSameSizeAs(keys);
		});
	}

	@Test
	void nullOrBlankKeyIsRejectedNamingExpressionAndMethod() {
		run(KeyedConfiguration.class, (context) -> {
			Keyed keyed = context.getBean(Keyed.class);
			CuratorFramework curator = context.getBean(CuratorFramework.class);
			assertThatIllegalArgumentException().isThrownBy(() -> keyed.childrenWhileLocked(null, curator))
				.withMessageContaining("key '#key'")
				.withMessageContaining("Keyed#childrenWhileLocked(String, CuratorFramework)")
				.withMessageContaining("evaluated to null");
			assertThatIllegalArgumentException().isThrownBy(() -> keyed.childrenWhileLocked("  ", curator))
				.withMessageContaining("a blank string");
		});
	}

	@Test
	void invalidSpelFailsStartupNamingClassMethodAndExpression() {
		assertStartupFailure(InvalidSpelConfiguration.class, "@DistributedLocked on LockKeyTests.InvalidSpel#place(String)",
				"key '#order.(' is not a valid SpEL expression");
	}

	@Test
	void unknownParameterFailsStartupListingTheParameters() {
		assertStartupFailure(UnknownParameterConfiguration.class, "UnknownParameter#place(String)",
				"key '#user.id': no parameter named 'user'; parameters are [order]");
	}

	@Test
	void skipOnPrimitiveReturnFailsStartup() {
		assertStartupFailure(SkipPrimitiveConfiguration.class, "SkipPrimitive#count()",
				"onFailure = SKIP cannot skip a method returning int");
	}

	@Test
	void badDurationFailsStartup() {
		assertStartupFailure(BadDurationConfiguration.class, "BadDuration#run()",
				"waitTime 'soon' is not a duration; use for example '10s'");
	}

	private void run(Class<?> configuration,
			org.springframework.boot.test.context.runner.ContextConsumer<org.springframework.boot.test.context.assertj.AssertableApplicationContext> body) {
		LockInstances.runner(zookeeper, configuration).run(body);
	}

	private void assertStartupFailure(Class<?> configuration, String... messages) {
		ApplicationContextRunner runner = LockInstances.runner(zookeeper, configuration);
		runner.run((context) -> assertThat(context).getFailure()
			.isInstanceOf(IllegalStateException.class)
			.satisfies((failure) -> {
				for (String message : messages) {
					assertThat(failure).hasMessageContaining(message);
				}
			}));
	}

	static class Keyed {

		@DistributedLocked(name = "keyed", key = "#key")
		public List<String> childrenWhileLocked(String key, CuratorFramework curator) throws Exception {
			return curator.getChildren().forPath("/zk-workflow/locks/keyed");
		}

	}

	static class InvalidSpel {

		@DistributedLocked(key = "#order.(")
		public void place(String order) {
		}

	}

	static class UnknownParameter {

		@DistributedLocked(key = "#user.id")
		public void place(String order) {
		}

	}

	static class SkipPrimitive {

		@DistributedLocked(onFailure = OnLockFailure.SKIP)
		public int count() {
			return 1;
		}

	}

	static class BadDuration {

		@DistributedLocked(waitTime = "soon")
		public void run() {
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class KeyedConfiguration {

		@Bean
		Keyed keyed() {
			return new Keyed();
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class InvalidSpelConfiguration {

		@Bean
		InvalidSpel invalidSpel() {
			return new InvalidSpel();
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class UnknownParameterConfiguration {

		@Bean
		UnknownParameter unknownParameter() {
			return new UnknownParameter();
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class SkipPrimitiveConfiguration {

		@Bean
		SkipPrimitive skipPrimitive() {
			return new SkipPrimitive();
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class BadDurationConfiguration {

		@Bean
		BadDuration badDuration() {
			return new BadDuration();
		}

	}

}

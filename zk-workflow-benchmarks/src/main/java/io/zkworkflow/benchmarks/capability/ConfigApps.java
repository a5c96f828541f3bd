package io.zkworkflow.benchmarks.capability;

import io.zkworkflow.autoconfigure.ZkWorkflowAutoConfiguration;
import io.zkworkflow.autoconfigure.config.ConfigAutoConfiguration;
import io.zkworkflow.config.ZkConfigValidator;
import io.zkworkflow.config.ZkConfigValue;

import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.jackson.autoconfigure.JacksonAutoConfiguration;
import org.springframework.cloud.zookeeper.ZookeeperAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The application the configuration subjects start: two {@code @ZkConfigValue} setters whose
 * calls are reported to the subject running now, and a validator refusing negative burst values.
 */
final class ConfigApps {

	/** The application name, hence the context znode under the config root. */
	static final String APPLICATION = "bench";

	/** Key of the propagation subject. */
	static final String SEQUENCE_KEY = "bench.sequence";

	/** Key of the burst subject. */
	static final String BURST_KEY = "bench.burst";

	/** Called on the apply thread with (value, nano time) for {@link #SEQUENCE_KEY}. */
	static volatile Applied onSequence = (value, nanos) -> {
	};

	/** Called on the apply thread with (value, nano time) for {@link #BURST_KEY}. */
	static volatile Applied onBurst = (value, nanos) -> {
	};

	private ConfigApps() {
	}

	static Class<?>[] app() {
		return new Class<?>[] { App.class };
	}

	static void reset() {
		onSequence = (value, nanos) -> {
		};
		onBurst = (value, nanos) -> {
		};
	}

	/** Receives applied values. */
	@FunctionalInterface
	interface Applied {

		void applied(long value, long nanos);

	}

	@ImportAutoConfiguration({ ZookeeperAutoConfiguration.class, JacksonAutoConfiguration.class,
			ZkWorkflowAutoConfiguration.class, ConfigAutoConfiguration.class })
	@Configuration(proxyBeanMethods = false)
	static class App {

		@Bean
		Settings benchmarkSettings() {
			return new Settings();
		}

		@Bean
		ZkConfigValidator benchmarkBurstValidator() {
			return (key, value) -> (BURST_KEY.equals(key) && value != null && value.startsWith("-"))
					? "must not be negative" : null;
		}

	}

	/** The bean with the setters. */
	public static class Settings {

		@ZkConfigValue(key = SEQUENCE_KEY, defaultValue = "0")
		public void setSequence(long value) {
			onSequence.applied(value, System.nanoTime());
		}

		@ZkConfigValue(key = BURST_KEY, defaultValue = "0")
		public void setBurst(long value) {
			onBurst.applied(value, System.nanoTime());
		}

	}

}

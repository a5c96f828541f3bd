package io.zkworkflow.lock;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import io.micrometer.core.instrument.MeterRegistry;
import io.zkworkflow.test.ZooKeeperServerExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Three instances hammer one lock; a fenced resource sees no overlap and strictly increasing
 * tokens.
 */
class LockFencingTests {

	@RegisterExtension
	static final ZooKeeperServerExtension zookeeper = new ZooKeeperServerExtension();

	private static final int THREADS_PER_INSTANCE = 2;

	private static final int CALLS_PER_THREAD = 20;

	@Test
	void threeInstancesNeverOverlapAndTokensStrictlyIncrease() {
		FencedResource resource = new FencedResource();
		LockInstances.with(zookeeper, HammerConfiguration.class, 3, (instances) -> {
			ExecutorService executor = Executors.newFixedThreadPool(3 * THREADS_PER_INSTANCE);
			try {
				List<Future<?>> calls = new ArrayList<>();
				for (var context : instances.all()) {
					Hammer hammer = context.getBean(Hammer.class);
					for (int t = 0; t < THREADS_PER_INSTANCE; t++) {
						calls.add(executor.submit(() -> {
							for (int i = 0; i < CALLS_PER_THREAD; i++) {
								hammer.write(resource);
							}
							return null;
						}));
					}
				}
				for (Future<?> call : calls) {
					call.get(2, TimeUnit.MINUTES);
				}
			}
			catch (Exception ex) {
				throw new IllegalStateException(ex);
			}
			finally {
				executor.shutdownNow();
			}
			assertThat(resource.overlaps()).isZero();
			assertThat(resource.refused()).isZero();
			List<Long> tokens = resource.tokens();
			assertThat(tokens).hasSize(3 * THREADS_PER_INSTANCE * CALLS_PER_THREAD);
			assertThat(tokens).isSorted().doesNotHaveDuplicates();
			MeterRegistry meters = instances.get(0).getBean(MeterRegistry.class);
			assertThat(meters.get("zk.workflow.lock.acquire")
				.tags("name", "hammer", "mode", "EXCLUSIVE", "outcome", "acquired")
				.timer()
				.count()).isEqualTo(THREADS_PER_INSTANCE * CALLS_PER_THREAD);
			assertThat(meters.find("zk.workflow.lock.acquire").meters())
				.allSatisfy((meter) -> assertThat(meter.getId().getTag("key")).isNull());
		});
	}

	static class Hammer {

		@DistributedLocked(name = "hammer", waitTime = "60s")
		public void write(FencedResource resource) {
			resource.write(LockContext.current().fencingToken());
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class HammerConfiguration {

		@Bean
		Hammer hammer() {
			return new Hammer();
		}

	}

}

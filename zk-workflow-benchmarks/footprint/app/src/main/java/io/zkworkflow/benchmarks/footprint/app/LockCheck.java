package io.zkworkflow.benchmarks.footprint.app;

import java.time.Duration;

import io.zkworkflow.lock.DistributedLockTemplate;
import io.zkworkflow.lock.LockContext;
import io.zkworkflow.lock.LockRequest;

import org.springframework.context.ConfigurableApplicationContext;

/**
 * Takes a lock through the auto-configured {@link DistributedLockTemplate} and reports the
 * fencing token it ran under. Loaded only when zk-workflow is on the classpath.
 */
final class LockCheck {

	private LockCheck() {
	}

	static String run(ConfigurableApplicationContext context) {
		DistributedLockTemplate locks = context.getBean(DistributedLockTemplate.class);
		try {
			Long token = locks.execute(LockRequest.exclusive("footprint").withWaitTime(Duration.ofSeconds(10)),
					() -> LockContext.current().fencingToken());
			if (token == null || token <= 0) {
				throw new IllegalStateException("the locked call ran without a fencing token: " + token);
			}
			return "lock-fencing-token=" + token;
		}
		catch (RuntimeException ex) {
			throw ex;
		}
		catch (Exception ex) {
			throw new IllegalStateException("the lock was not taken", ex);
		}
	}

}

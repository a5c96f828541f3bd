package io.zkworkflow.benchmarks.baseline;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.atomic.LongAdder;

import net.javacrumbs.shedlock.core.LockConfiguration;
import net.javacrumbs.shedlock.core.SimpleLock;
import net.javacrumbs.shedlock.provider.zookeeper.curator.ZookeeperCuratorLockProvider;
import org.jspecify.annotations.Nullable;

import io.zkworkflow.benchmarks.BenchmarkContext;
import io.zkworkflow.benchmarks.BenchmarkTable;
import io.zkworkflow.benchmarks.ClosedLoopSubject;
import io.zkworkflow.benchmarks.OverlapDetector;
import io.zkworkflow.benchmarks.Worker;

/**
 * ShedLock's ZooKeeper provider: lock and unlock one name on one thread. ShedLock keeps the lock
 * in a persistent znode whose data is the "locked until" time: lock is a read plus a versioned
 * write, unlock is a write. {@code refused} counts lock calls that returned empty although nobody
 * else holds the lock (must be 0 on one thread).
 */
public final class ShedLockSubject extends ClosedLoopSubject {

	private static final Duration LOCK_AT_MOST_FOR = Duration.ofMinutes(1);

	private @Nullable ZookeeperCuratorLockProvider provider;

	private final OverlapDetector overlaps = new OverlapDetector(correctness());

	private final LongAdder refused = correctness().counter("refused");

	@Override
	public String name() {
		return "shedlock.lock-unlock";
	}

	@Override
	public String measurement() {
		return "ZookeeperCuratorLockProvider lock + unlock";
	}

	@Override
	public BenchmarkTable table() {
		return BenchmarkTable.LOCKS;
	}

	@Override
	public void setup(BenchmarkContext context) throws Exception {
		this.provider = new ZookeeperCuratorLockProvider(context.newClient(), context.path("shedlock"));
	}

	@Override
	protected void operation(Worker worker) throws Exception {
		ZookeeperCuratorLockProvider lockProvider = this.provider;
		if (lockProvider == null) {
			throw new IllegalStateException("setup() did not run: no lock provider");
		}
		Optional<SimpleLock> lock = lockProvider
			.lock(new LockConfiguration(Instant.now(), "benchmark", LOCK_AT_MOST_FOR, Duration.ZERO));
		if (lock.isEmpty()) {
			this.refused.increment();
			return;
		}
		try {
			this.overlaps.enter();
			this.overlaps.exit();
		}
		finally {
			lock.get().unlock();
		}
	}

}

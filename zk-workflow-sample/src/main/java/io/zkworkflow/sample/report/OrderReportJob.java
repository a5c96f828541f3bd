package io.zkworkflow.sample.report;

import java.time.Instant;
import java.util.concurrent.atomic.AtomicLong;

import io.zkworkflow.lock.DistributedLocked;
import io.zkworkflow.lock.LockContext;
import io.zkworkflow.lock.OnLockFailure;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * A report every ten seconds, written by one instance of the fleet per tick: the others skip
 * it, and {@code minHoldTime} keeps a fast instance from running it twice in one tick.
 */
@Component
public class OrderReportJob {

	private static final Log logger = LogFactory.getLog(OrderReportJob.class);

	private final AtomicLong runsHere = new AtomicLong();

	@Scheduled(cron = "*/10 * * * * *")
	@DistributedLocked(name = "order-report", onFailure = OnLockFailure.SKIP, minHoldTime = "5s")
	public void report() {
		long token = LockContext.current().fencingToken();
		this.runsHere.incrementAndGet();
		logger.info("Order report at " + Instant.now() + " (fencing token " + token + ")");
	}

	/**
	 * Return how many ticks this instance reported.
	 * @return the count
	 */
	public long runsHere() {
		return this.runsHere.get();
	}

}

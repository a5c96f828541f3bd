package io.zkworkflow.sample.report;

import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

import io.zkworkflow.task.WorkflowTask;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.stereotype.Component;

/**
 * The task behind the {@code order-digest} runtime schedule (see {@link DigestSchedule}): once
 * a minute, on one instance of the fleet.
 */
@Component
public class OrderDigest {

	/** The task's name, also the schedule's. */
	static final String TASK = "order-digest";

	private static final Log logger = LogFactory.getLog(OrderDigest.class);

	private final AtomicLong runsHere = new AtomicLong();

	@WorkflowTask(name = TASK, maxAttempts = 3, backoff = "1s")
	public void digest(Map<String, Object> settings) {
		this.runsHere.incrementAndGet();
		logger.info("Order digest for " + settings.get("audience"));
	}

	/**
	 * Return how many digests this instance wrote.
	 * @return the count
	 */
	public long runsHere() {
		return this.runsHere.get();
	}

}

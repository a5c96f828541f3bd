package io.zkworkflow.sample.report;

import java.util.Map;

import io.zkworkflow.workflow.DuplicateScheduleException;
import io.zkworkflow.workflow.ScheduleClient;
import io.zkworkflow.workflow.ScheduleSpec;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.stereotype.Component;

/**
 * Creates the {@code order-digest} schedule at startup through {@link ScheduleClient}, the way
 * an operator would create one at runtime: it lives in ZooKeeper, so the first instance creates
 * it and the others (or a restart) find it there. Pause, resume or trigger it on the actuator's
 * {@code schedules} operations like any other schedule.
 */
@Component
class DigestSchedule implements ApplicationRunner {

	/** Every minute, at second 0. */
	static final String CRON = "0 * * * * *";

	private static final Log logger = LogFactory.getLog(DigestSchedule.class);

	private final ScheduleClient schedules;

	DigestSchedule(ScheduleClient schedules) {
		this.schedules = schedules;
	}

	@Override
	public void run(ApplicationArguments args) {
		try {
			this.schedules.create(ScheduleSpec.task(OrderDigest.TASK, CRON, OrderDigest.TASK, Map.of("audience", "ops")));
			logger.info("Created the runtime schedule '" + OrderDigest.TASK + "' (" + CRON + ")");
		}
		catch (DuplicateScheduleException ex) {
			// created by another instance or an earlier run: the schedule in ZooKeeper is the one that counts
		}
	}

}

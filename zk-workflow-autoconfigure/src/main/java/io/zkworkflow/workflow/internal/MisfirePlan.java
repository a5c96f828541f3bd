package io.zkworkflow.workflow.internal;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import io.zkworkflow.workflow.MisfirePolicy;
import org.jspecify.annotations.Nullable;

/**
 * Decides which due ticks of a schedule to fire. A tick found more than the threshold after
 * its time was missed: {@link MisfirePolicy#SKIP} drops missed ticks,
 * {@link MisfirePolicy#FIRE_ONCE} fires the latest of them once. Ticks within the threshold
 * always fire.
 */
final class MisfirePlan {

	/** Most ticks enumerated in one round; beyond that only the latest ones count. */
	static final int MAX_TICKS = 100_000;

	private MisfirePlan() {
	}

	/**
	 * Plan one round.
	 * @param schedule the schedule
	 * @param lastTick the last tick already handled
	 * @param now the current time
	 * @param threshold how late a tick may fire
	 * @param policy the misfire policy
	 * @return the ticks to fire and the new last handled tick, or {@code null} if none is due
	 */
	static @Nullable Plan plan(CronSchedule schedule, Instant lastTick, Instant now, Duration threshold,
			MisfirePolicy policy) {
		Instant cutoff = now.minus(threshold);
		Instant latestMissed = null;
		Instant lastDue = null;
		List<Fire> fires = new ArrayList<>();
		Instant cursor = lastTick;
		for (int count = 0; count < MAX_TICKS; count++) {
			Instant next = schedule.next(cursor);
			if (next == null || next.isAfter(now)) {
				break;
			}
			lastDue = next;
			if (next.isBefore(cutoff)) {
				latestMissed = next;
			}
			else {
				fires.add(new Fire(next, false));
			}
			cursor = next;
			if (count == MAX_TICKS - 1 && cursor.isBefore(cutoff)) {
				// an enormous gap: jump to the threshold window, remembering one missed tick
				cursor = cutoff;
				count = 0;
			}
		}
		if (lastDue == null) {
			return null;
		}
		if (latestMissed != null && policy == MisfirePolicy.FIRE_ONCE) {
			fires.add(0, new Fire(latestMissed, true));
		}
		return new Plan(fires, lastDue, (latestMissed != null) ? latestMissed : null);
	}

	/**
	 * One round's decision.
	 *
	 * @param fires the ticks to fire, oldest first
	 * @param lastTick the new last handled tick
	 * @param latestMissed the latest missed tick, if any
	 */
	record Plan(List<Fire> fires, Instant lastTick, @Nullable Instant latestMissed) {
	}

	/**
	 * A tick to fire.
	 *
	 * @param tick the tick
	 * @param late whether it was missed and fires by the FIRE_ONCE policy
	 */
	record Fire(Instant tick, boolean late) {
	}

}

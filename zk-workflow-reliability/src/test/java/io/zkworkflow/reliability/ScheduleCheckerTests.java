package io.zkworkflow.reliability;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import io.zkworkflow.reliability.HistoryEvent.Type;
import io.zkworkflow.reliability.Violation.Kind;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;
import static org.assertj.core.api.Assertions.tuple;

/**
 * The schedule checker on synthetic histories: it must find a tick fired twice, a tick fired
 * while paused and a trigger fired twice or never, and nothing in a clean history (a task run
 * twice for one tick is not a second fire).
 */
class ScheduleCheckerTests {

	private static final String SCHEDULE = "ticks";

	private final List<HistoryEvent> events = new ArrayList<>();

	@Test
	void cleanHistoryHasNoViolations() {
		tick(1_000, "w1", 1_000, "t-1");
		tick(1_050, "w2", 1_000, "t-1"); // the same task again: its first worker died mid-run
		tick(2_010, "w1", 2_000, "t-2");
		at(2_500, "op", Type.SCHEDULE_PAUSE, null);
		at(3_200, "op", Type.SCHEDULE_TRIGGER, null);
		trigger(3_210, "w2", "manual-1", "t-3");
		at(5_100, "op", Type.SCHEDULE_TRIGGER_FAILED, "connection loss");
		at(5_500, "op", Type.SCHEDULE_RESUME, null);
		at(5_520, "op", Type.SCHEDULE_TRIGGER, null);
		trigger(5_530, "w1", "manual-2", "t-4");
		tick(6_020, "w2", 6_000, "t-5");
		ScheduleChecker checker = checker();
		assertThat(checker.all()).isEmpty();
		assertThat(checker.ticksFired()).isEqualTo(3);
		assertThat(checker.triggersFired()).isEqualTo(2);
	}

	@Test
	void findsATickThatStartedTwoTasks() {
		tick(1_010, "w1", 1_000, "t-1");
		tick(1_900, "w2", 1_000, "t-2");
		tick(2_010, "w1", 2_000, "t-3");
		assertThat(checker().doubleTicks()).singleElement().satisfies((violation) -> {
			assertThat(violation.kind()).isEqualTo(Kind.DOUBLE_TICK);
			assertThat(violation.subject()).isEqualTo(SCHEDULE + " " + Instant.ofEpochMilli(1_000));
			assertThat(violation.detail()).contains("t-1", "t-2");
		});
		assertThat(checker().all()).extracting(Violation::kind).containsExactly(Kind.DOUBLE_TICK);
	}

	@Test
	void findsATickInsideAPausedPeriodAndAfterAFinalPause() {
		at(1_500, "op", Type.SCHEDULE_PAUSE, null);
		tick(3_010, "w1", 3_000, "t-1");
		at(4_500, "op", Type.SCHEDULE_RESUME, null);
		tick(5_010, "w1", 5_000, "t-2");
		at(5_500, "op", Type.SCHEDULE_PAUSE, null);
		tick(7_010, "w2", 7_000, "t-3");
		assertThat(checker().ticksWhilePaused()).extracting(Violation::kind, Violation::subject)
			.containsExactly(tuple(Kind.TICK_WHILE_PAUSED,
					SCHEDULE + " " + Instant.ofEpochMilli(3_000)),
					tuple(Kind.TICK_WHILE_PAUSED,
							SCHEDULE + " " + Instant.ofEpochMilli(7_000)));
	}

	@Test
	void aTickDueBeforeThePauseOrAfterTheResumeIsNoViolation() {
		at(1_500, "op", Type.SCHEDULE_PAUSE, null);
		tick(1_600, "w1", 1_000, "t-1"); // due before the pause; its round committed before it
		at(4_500, "op", Type.SCHEDULE_RESUME, null);
		tick(5_010, "w1", 5_000, "t-2");
		assertThat(checker().ticksWhilePaused()).isEmpty();
	}

	@Test
	void findsATriggerThatFiredTwice() {
		at(1_000, "op", Type.SCHEDULE_TRIGGER, null);
		trigger(1_010, "w1", "manual-1", "t-1");
		trigger(1_020, "w2", "manual-1", "t-2");
		assertThat(checker().triggersNotFiredOnce()).singleElement().satisfies((violation) -> {
			assertThat(violation.kind()).isEqualTo(Kind.TRIGGER_NOT_ONCE);
			assertThat(violation.detail()).contains("2 tasks for one trigger");
		});
	}

	@Test
	void findsAnAcknowledgedTriggerThatNeverFired() {
		at(1_000, "op", Type.SCHEDULE_TRIGGER, null);
		at(2_000, "op", Type.SCHEDULE_TRIGGER, null);
		trigger(2_010, "w1", "manual-2", "t-1");
		assertThat(checker().triggersNotFiredOnce()).singleElement()
			.satisfies((violation) -> assertThat(violation.detail())
				.isEqualTo("1 triggered fires for 2 acknowledged triggers and 0 failed ones"));
	}

	@Test
	void findsMoreTriggeredFiresThanTriggers() {
		at(1_000, "op", Type.SCHEDULE_TRIGGER, null);
		trigger(1_010, "w1", "manual-1", "t-1");
		trigger(1_020, "w1", "manual-2", "t-2");
		assertThat(checker().triggersNotFiredOnce()).extracting(Violation::kind)
			.containsExactly(Kind.TRIGGER_NOT_ONCE);
	}

	@Test
	void aFireWithoutItsTickOrKeyIsARecorderBug() {
		at(1_000, "w1", Type.SCHEDULE_FIRE, "t-1");
		assertThatIllegalStateException().isThrownBy(() -> checker().all())
			.withMessageContaining("needs a value 'tick <time> task <id>'");
	}

	private void tick(long time, String source, long tick, String task) {
		at(time, source, Type.SCHEDULE_FIRE, "tick " + Instant.ofEpochMilli(tick) + " task " + task);
	}

	private void trigger(long time, String source, String key, String task) {
		at(time, source, Type.SCHEDULE_FIRE, "trigger " + key + " task " + task);
	}

	private void at(long time, String source, Type type, @Nullable String value) {
		long seq = this.events.stream().filter((event) -> event.source().equals(source)).count();
		this.events.add(new HistoryEvent(time, source, seq, type, SCHEDULE, null, value));
	}

	private ScheduleChecker checker() {
		return new ScheduleChecker(new History(this.events));
	}

}

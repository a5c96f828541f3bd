package io.zkworkflow.reliability;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import io.zkworkflow.reliability.HistoryEvent.Type;
import io.zkworkflow.reliability.Violation.Kind;
import org.jspecify.annotations.Nullable;

/**
 * Reads the workflow part of a {@link History}: step commits, timers and signals. Handlers may
 * run more than once (a superseded attempt), so handler runs are never counted as commits; what
 * must never happen is a step committed twice, a started timer that never fired or fired twice,
 * or a signal that was acknowledged as delivered or kept and never reached the step after its
 * wait.
 */
public final class WorkflowChecker {

	private final History history;

	public WorkflowChecker(History history) {
		this.history = history;
	}

	/**
	 * Run every workflow check.
	 * @return all violations found
	 */
	public List<Violation> all() {
		List<Violation> violations = new ArrayList<>(doubleStepCommits());
		violations.addAll(lostTimers());
		violations.addAll(doubleTimerFires());
		violations.addAll(lostSignals());
		return violations;
	}

	/**
	 * Steps and fan-out elements with more than one {@code STEP_COMMIT}, whether by one task id
	 * twice or by two task ids.
	 * @return one violation per step committed twice or more
	 */
	public List<Violation> doubleStepCommits() {
		return bySubject(Type.STEP_COMMIT).entrySet()
			.stream()
			.filter((entry) -> entry.getValue().size() > 1)
			.map((entry) -> new Violation(Kind.DOUBLE_STEP_COMMIT, entry.getKey(),
					entry.getValue().size() + " commits: " + describe(entry.getValue())))
			.toList();
	}

	/**
	 * Timers with a {@code TIMER_START} and no {@code TIMER_FIRE}.
	 * @return one violation per timer that never fired
	 */
	public List<Violation> lostTimers() {
		Set<String> fired = subjects(Type.TIMER_FIRE);
		return this.history.ofType(Type.TIMER_START)
			.stream()
			.filter((start) -> !fired.contains(start.subject()))
			.map((start) -> new Violation(Kind.LOST_TIMER, start.subject(),
					"timer of " + start.value() + " started but never fired"))
			.toList();
	}

	/**
	 * Timers with more than one {@code TIMER_FIRE}.
	 * @return one violation per timer fired twice or more
	 */
	public List<Violation> doubleTimerFires() {
		return bySubject(Type.TIMER_FIRE).entrySet()
			.stream()
			.filter((entry) -> entry.getValue().size() > 1)
			.map((entry) -> new Violation(Kind.DOUBLE_TIMER_FIRE, entry.getKey(),
					entry.getValue().size() + " fires: " + describe(entry.getValue())))
			.toList();
	}

	/**
	 * Signals acknowledged {@code DELIVERED} or {@code BUFFERED} without a {@code SIGNAL_CONSUMED}
	 * of the same signal carrying the same payload key. A {@code DUPLICATE} answer alone proves
	 * nothing was sent by that call (an earlier, failed call may have), so it is not counted.
	 * @return one violation per lost signal
	 */
	public List<Violation> lostSignals() {
		Set<String> consumed = this.history.ofType(Type.SIGNAL_CONSUMED)
			.stream()
			.map((event) -> event.subject() + "\u0000" + event.value())
			.collect(Collectors.toSet());
		return this.history.ofType(Type.SIGNAL_SEND)
			.stream()
			.filter((send) -> acknowledged(send) != null)
			.filter((send) -> !consumed.contains(send.subject() + "\u0000" + acknowledged(send)))
			.map((send) -> new Violation(Kind.LOST_SIGNAL, send.subject(),
					"signal acknowledged as '" + send.value() + "' but its wait never consumed it"))
			.toList();
	}

	/**
	 * Count the signal calls answered with each delivery.
	 * @param delivery {@code DELIVERED}, {@code BUFFERED} or {@code DUPLICATE}
	 * @return how many calls got that answer
	 */
	public long signalsAnswered(String delivery) {
		return this.history
			.filter((event) -> event.type() == Type.SIGNAL_SEND && event.value() != null
					&& event.value().startsWith(delivery + " "))
			.size();
	}

	/** The payload key of a send answered DELIVERED or BUFFERED, else {@code null}. */
	private static @Nullable String acknowledged(HistoryEvent send) {
		String value = (send.value() != null) ? send.value() : "";
		int space = value.indexOf(' ');
		if (space < 0) {
			return null;
		}
		String delivery = value.substring(0, space);
		return ("DELIVERED".equals(delivery) || "BUFFERED".equals(delivery)) ? value.substring(space + 1) : null;
	}

	private Set<String> subjects(Type type) {
		return this.history.ofType(type).stream().map(HistoryEvent::subject).collect(Collectors.toSet());
	}

	private Map<String, List<HistoryEvent>> bySubject(Type type) {
		return this.history.ofType(type)
			.stream()
			.collect(Collectors.groupingBy(HistoryEvent::subject, LinkedHashMap::new, Collectors.toList()));
	}

	private static String describe(List<HistoryEvent> events) {
		return events.stream()
			.map((event) -> event.source() + "#" + event.seq() + ((event.value() != null) ? " " + event.value() : ""))
			.collect(Collectors.joining(", "));
	}

}

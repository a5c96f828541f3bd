package io.zkworkflow.reliability;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import io.zkworkflow.reliability.HistoryEvent.Type;
import io.zkworkflow.reliability.Violation.Kind;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

/**
 * The checker on synthetic histories: it must find every kind of violation, and nothing in a
 * clean history.
 */
class HistoryCheckerTests {

	private final List<HistoryEvent> events = new ArrayList<>();

	@Test
	void cleanHistoryHasNoViolations() {
		add("w1", Type.SUBMIT, "item-1");
		add("w1", Type.SUBMIT_FAILED, "item-2");
		add("w2", Type.CLAIM, "item-1");
		add("w2", Type.COMMIT, "item-1");
		add("w1", Type.LOCK_GRANT, "orders", 10L, null);
		add("w1", Type.LOCK_RELEASE, "orders", 10L, null);
		add("w2", Type.LOCK_GRANT, "orders", 12L, null);
		add("resource", Type.WRITE_ACCEPTED, "ledger", 10L, "w1");
		add("resource", Type.WRITE_ACCEPTED, "ledger", 12L, "w2");
		add("resource", Type.WRITE_ACCEPTED, "ledger", 12L, "w2");
		add("resource", Type.WRITE_REFUSED, "ledger", 10L, "w1");
		add("publisher", Type.CONFIG_PUBLISH, "limit", null, "5");
		add("publisher", Type.CONFIG_PUBLISH, "limit", null, "-1");
		add("app-1", Type.CONFIG_APPLY, "limit", null, "5");
		add("app-1", Type.CONFIG_REJECT, "limit", null, "-1");
		add("app-2", Type.CONFIG_APPLY, "limit", null, "5");
		assertThat(checker().all()).isEmpty();
	}

	@Test
	void findsAnAcknowledgedSubmissionNeverCommitted() {
		add("w1", Type.SUBMIT, "item-1");
		add("w1", Type.SUBMIT, "item-2");
		add("w1", Type.SUBMIT_FAILED, "item-3");
		add("w2", Type.COMMIT, "item-1");
		assertThat(checker().lostItems()).singleElement()
			.satisfies((violation) -> assertViolation(violation, Kind.LOST, "item-2"));
		assertThat(checker().all()).extracting(Violation::kind).containsExactly(Kind.LOST);
	}

	@Test
	void findsAnItemCommittedTwice() {
		add("w1", Type.SUBMIT, "item-1");
		add("w1", Type.COMMIT, "item-1");
		add("w2", Type.COMMIT, "item-1");
		assertThat(checker().doubleCommits()).singleElement().satisfies((violation) -> {
			assertViolation(violation, Kind.DOUBLE_COMMIT, "item-1");
			assertThat(violation.detail()).contains("w1#1", "w2#0");
		});
	}

	@Test
	void findsAnEndedWorkflowWhoseCompletionListenerNeverRan() {
		add("w1", Type.SUBMIT, "workflow:a");
		add("w1", Type.SUBMIT, "workflow:b");
		add("w1", Type.SUBMIT, "workflow:c");
		add("w2", Type.COMMIT, "workflow:a");
		add("observer", Type.COMMIT, "workflow:b");
		add("w3", Type.DEAD_LETTER, "workflow:c");
		add("w2", Type.NOTIFIED, "workflow:a");
		add("w3", Type.NOTIFIED, "workflow:c");
		add("w2", Type.COMMIT, "item-1");
		assertThat(checker().missedCompletions("workflow:")).singleElement()
			.satisfies((violation) -> assertViolation(violation, Kind.MISSED_COMPLETION, "workflow:b"));
	}

	@Test
	void countsRepeatedCompletionNoticesWithoutFailing() {
		add("w2", Type.COMMIT, "workflow:a");
		add("w2", Type.NOTIFIED, "workflow:a");
		add("w3", Type.NOTIFIED, "workflow:a");
		add("w3", Type.NOTIFIED, "workflow:a");
		add("w2", Type.COMMIT, "workflow:b");
		add("w2", Type.NOTIFIED, "workflow:b");
		assertThat(checker().missedCompletions("workflow:")).isEmpty();
		assertThat(checker().repeatedCompletions()).isEqualTo(2);
	}

	@Test
	void findsAStaleTokenAcceptedByAGuardedResource() {
		add("resource", Type.WRITE_ACCEPTED, "ledger", 7L, "w1");
		add("resource", Type.WRITE_ACCEPTED, "ledger", 9L, "w2");
		add("resource", Type.WRITE_ACCEPTED, "ledger", 8L, "w1");
		add("resource", Type.WRITE_ACCEPTED, "other", 1L, "w3");
		assertThat(checker().staleTokensAccepted()).singleElement().satisfies((violation) -> {
			assertViolation(violation, Kind.STALE_TOKEN_ACCEPTED, "ledger");
			assertThat(violation.detail()).contains("accepted token 8", "after token 9");
		});
	}

	@Test
	void judgesTokensInTheResourcesOwnOrderNotByClock() {
		events.add(new HistoryEvent(200, "resource", 0, Type.WRITE_ACCEPTED, "ledger", 5L, "w1"));
		events.add(new HistoryEvent(100, "resource", 1, Type.WRITE_ACCEPTED, "ledger", 4L, "w2"));
		assertThat(checker().staleTokensAccepted()).extracting(Violation::kind)
			.containsExactly(Kind.STALE_TOKEN_ACCEPTED);
	}

	@Test
	void findsASupersededHolderThatNeverLearnedOfItsLoss() {
		add("w1", Type.LOCK_GRANT, "orders", 10L, null);
		add("w2", Type.LOCK_GRANT, "orders", 11L, null);
		add("w2", Type.LOCK_LOST, "orders", 11L, null);
		add("w3", Type.LOCK_GRANT, "orders", 13L, null);
		assertThat(checker().silentLockLosses()).singleElement().satisfies((violation) -> {
			assertViolation(violation, Kind.SILENT_LOCK_LOSS, "orders");
			assertThat(violation.detail()).startsWith("w1 held token 10");
		});
	}

	@Test
	void findsAnAppliedRejectedValue() {
		add("publisher", Type.CONFIG_PUBLISH, "limit", null, "abc");
		add("app-1", Type.CONFIG_REJECT, "limit", null, "abc");
		add("app-2", Type.CONFIG_APPLY, "limit", null, "abc");
		assertThat(checker().rejectedValuesApplied()).singleElement().satisfies((violation) -> {
			assertViolation(violation, Kind.REJECTED_VALUE_APPLIED, "limit");
			assertThat(violation.detail()).contains("app-2", "'abc'");
		});
	}

	@Test
	void findsAnInstanceThatDidNotConvergeOnTheLastValidValue() {
		add("publisher", Type.CONFIG_PUBLISH, "limit", null, "1");
		add("publisher", Type.CONFIG_PUBLISH, "limit", null, "2");
		add("publisher", Type.CONFIG_PUBLISH, "limit", null, "x");
		add("app-1", Type.CONFIG_APPLY, "limit", null, "1");
		add("app-1", Type.CONFIG_APPLY, "limit", null, "2");
		add("app-1", Type.CONFIG_REJECT, "limit", null, "x");
		add("app-2", Type.CONFIG_APPLY, "limit", null, "1");
		assertThat(checker().notConverged(List.of("app-1", "app-2", "app-3")))
			.extracting(Violation::detail)
			.containsExactly("app-2 ended on '1' but the last valid published value is '2'",
					"app-3 ended on 'null' but the last valid published value is '2'");
		assertThat(checker().all()).extracting(Violation::kind).containsExactly(Kind.NOT_CONVERGED);
	}

	@Test
	void cleanWorkflowHistoryHasNoViolations() {
		add("w1", Type.STEP_COMMIT, "workflow:a/step-t", null, "step-t/1");
		add("w2", Type.STEP_COMMIT, "workflow:a/each#0", null, "each/1");
		add("w2", Type.STEP_COMMIT, "workflow:a/each#1", null, "each/2");
		add("observer", Type.TIMER_START, "sleep/1", null, "workflow:a/nap");
		add("w1", Type.TIMER_FIRE, "sleep/1");
		add("w1", Type.TIMER_FIRE, "sleep/9"); // a wait's timeout timer: never started as a timer step
		add("w1", Type.SIGNAL_SEND_FAILED, "workflow:a/go", null, "ConnectionLoss");
		add("w1", Type.SIGNAL_SEND, "workflow:a/go", null, "DUPLICATE flow-1");
		add("w1", Type.SIGNAL_SEND, "workflow:b/go", null, "BUFFERED flow-2");
		add("w1", Type.SIGNAL_SEND, "workflow:c/go", null, "DELIVERED flow-3");
		add("w2", Type.SIGNAL_CONSUMED, "workflow:a/go", null, "flow-1");
		add("w2", Type.SIGNAL_CONSUMED, "workflow:b/go", null, "flow-2");
		add("w3", Type.SIGNAL_CONSUMED, "workflow:c/go", null, "flow-3");
		add("w2", Type.SIGNAL_CONSUMED, "workflow:c/go", null, "flow-3"); // the next step ran twice
		assertThat(workflowChecker().all()).isEmpty();
		assertThat(workflowChecker().signalsAnswered("DUPLICATE")).isEqualTo(1);
	}

	@Test
	void findsAStepCommittedTwiceByOneTaskOrByTwo() {
		add("w1", Type.STEP_COMMIT, "workflow:a/step-t", null, "step-t/1");
		add("w2", Type.STEP_COMMIT, "workflow:a/step-t", null, "step-t/1");
		add("w1", Type.STEP_COMMIT, "workflow:a/each#7", null, "each/1");
		add("w2", Type.STEP_COMMIT, "workflow:a/each#7", null, "each/2");
		add("w2", Type.STEP_COMMIT, "workflow:a/each#8", null, "each/3");
		assertThat(workflowChecker().doubleStepCommits()).extracting(Violation::subject)
			.containsExactly("workflow:a/step-t", "workflow:a/each#7");
		assertThat(workflowChecker().all()).extracting(Violation::kind)
			.containsExactly(Kind.DOUBLE_STEP_COMMIT, Kind.DOUBLE_STEP_COMMIT);
	}

	@Test
	void findsAStartedTimerThatNeverFired() {
		add("observer", Type.TIMER_START, "sleep/1", null, "workflow:a/nap");
		add("observer", Type.TIMER_START, "sleep/2", null, "workflow:a/alarm");
		add("w1", Type.TIMER_FIRE, "sleep/1");
		assertThat(workflowChecker().lostTimers()).singleElement().satisfies((violation) -> {
			assertViolation(violation, Kind.LOST_TIMER, "sleep/2");
			assertThat(violation.detail()).contains("workflow:a/alarm");
		});
		assertThat(workflowChecker().all()).extracting(Violation::kind).containsExactly(Kind.LOST_TIMER);
	}

	@Test
	void findsATimerThatFiredTwice() {
		add("observer", Type.TIMER_START, "sleep/1", null, "workflow:a/nap");
		add("w1", Type.TIMER_FIRE, "sleep/1");
		add("w3", Type.TIMER_FIRE, "sleep/1");
		assertThat(workflowChecker().doubleTimerFires()).singleElement().satisfies((violation) -> {
			assertViolation(violation, Kind.DOUBLE_TIMER_FIRE, "sleep/1");
			assertThat(violation.detail()).contains("w1#0", "w3#0");
		});
		assertThat(workflowChecker().all()).extracting(Violation::kind).containsExactly(Kind.DOUBLE_TIMER_FIRE);
	}

	@Test
	void findsAnAcknowledgedSignalItsWaitNeverConsumed() {
		add("w1", Type.SIGNAL_SEND, "workflow:a/go", null, "BUFFERED flow-1");
		add("w1", Type.SIGNAL_SEND, "workflow:b/go", null, "DELIVERED flow-2");
		add("w1", Type.SIGNAL_SEND, "workflow:c/go", null, "DELIVERED flow-3");
		add("w1", Type.SIGNAL_SEND_FAILED, "workflow:d/go", null, "ConnectionLoss");
		add("w2", Type.SIGNAL_CONSUMED, "workflow:b/go", null, "flow-2");
		add("w2", Type.SIGNAL_CONSUMED, "workflow:c/go", null, "flow-other"); // another payload is not ours
		assertThat(workflowChecker().lostSignals()).extracting(Violation::subject)
			.containsExactly("workflow:a/go", "workflow:c/go");
		assertThat(workflowChecker().all()).extracting(Violation::kind)
			.containsExactly(Kind.LOST_SIGNAL, Kind.LOST_SIGNAL);
	}

	@Test
	void lockAndFencingEventsWithoutATokenAreARecorderBug() {
		add("w1", Type.LOCK_GRANT, "orders");
		assertThatIllegalStateException().isThrownBy(() -> checker().silentLockLosses())
			.withMessageContaining("needs a fencing token");
	}

	@Test
	void readsRecordedFilesAndSkipsALastLineCutByAKill(@TempDir Path directory) throws Exception {
		try (HistoryRecorder w1 = new HistoryRecorder(directory.resolve("w1.jsonl"), "w1");
				HistoryRecorder observer = new HistoryRecorder(directory.resolve("observer.jsonl"), "observer")) {
			w1.record(Type.SUBMIT, "item-1");
			w1.record(Type.SUBMIT, "item-2", null, "/zk-workflow/x");
			observer.record(Type.COMMIT, "item-1");
		}
		Files.writeString(directory.resolve("w1.jsonl"), "{\"time\":1,\"sour", java.nio.file.StandardOpenOption.APPEND);
		History history = History.read(directory);
		assertThat(history.events()).hasSize(3);
		assertThat(history.ofType(Type.SUBMIT)).extracting(HistoryEvent::value).containsExactly(null, "/zk-workflow/x");
		assertThat(new HistoryChecker(history).lostItems()).extracting(Violation::subject).containsExactly("item-2");
	}

	@Test
	void refusesAMalformedLineBeforeTheEnd(@TempDir Path directory) throws Exception {
		Files.writeString(directory.resolve("w1.jsonl"), "not json\n{}\n");
		assertThatIllegalStateException().isThrownBy(() -> History.read(directory))
			.withMessageContaining("Malformed history line 1");
	}

	private void add(String source, Type type, String subject) {
		add(source, type, subject, null, null);
	}

	private void add(String source, Type type, String subject, @Nullable Long token, @Nullable String value) {
		long seq = this.events.stream().filter((event) -> event.source().equals(source)).count();
		this.events.add(new HistoryEvent(this.events.size(), source, seq, type, subject, token, value));
	}

	private HistoryChecker checker() {
		return new HistoryChecker(new History(this.events));
	}

	private WorkflowChecker workflowChecker() {
		return new WorkflowChecker(new History(this.events));
	}

	private static void assertViolation(Violation violation, Kind kind, String subject) {
		assertThat(violation.kind()).isEqualTo(kind);
		assertThat(violation.subject()).isEqualTo(subject);
	}

}

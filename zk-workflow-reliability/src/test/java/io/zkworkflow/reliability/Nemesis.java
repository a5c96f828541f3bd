package io.zkworkflow.reliability;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BooleanSupplier;

import io.zkworkflow.reliability.HistoryEvent.Type;

import static org.awaitility.Awaitility.await;

/**
 * Injects faults and records each one (start and heal) as a {@code FAULT} event, so that a person
 * reading the history sees what the system went through, and keeps a short description of each
 * for the published figures. Every fault waits for a condition, never for a fixed time.
 */
final class Nemesis {

	private final HistoryRecorder history;

	private final List<String> faults = new ArrayList<>();

	Nemesis(HistoryRecorder history) {
		this.history = history;
	}

	/**
	 * SIGKILL the leader, wait for the others to elect a new one, restart the old leader and
	 * wait for it to rejoin.
	 * @param ensemble the ensemble
	 */
	void killAndRestartLeader(ProcessEnsemble ensemble) {
		ProcessEnsemble.Server leader = ensemble.leader();
		fault("kill -9 leader zk" + leader.id());
		leader.kill();
		ensemble.awaitQuorum();
		leader.start();
		ensemble.awaitQuorum();
		heal("zk" + leader.id() + " restarted and rejoined: " + ensemble);
	}

	/**
	 * SIGSTOP the leader until the others have elected a new one, then SIGCONT it and wait until
	 * it has stepped down and follows.
	 * @param ensemble the ensemble
	 */
	void pauseLeaderUntilReplaced(ProcessEnsemble ensemble) {
		ProcessEnsemble.Server leader = ensemble.leader();
		fault("kill -STOP leader zk" + leader.id() + " until a new leader is elected");
		leader.pause();
		ensemble.awaitQuorum();
		leader.resume();
		ensemble.awaitQuorum();
		heal("zk" + leader.id() + " resumed and rejoined: " + ensemble);
	}

	/**
	 * SIGKILL every server of the ensemble.
	 * @param ensemble the ensemble
	 */
	void killEnsemble(ProcessEnsemble ensemble) {
		fault("kill -9 every ZooKeeper server");
		ensemble.killAll();
	}

	/**
	 * Restart every server of the ensemble and wait for a quorum.
	 * @param ensemble the ensemble
	 */
	void restartEnsemble(ProcessEnsemble ensemble) {
		ensemble.restartAll();
		heal("ensemble restarted: " + ensemble);
	}

	/**
	 * SIGSTOP a worker until a condition holds (for example, its session expired on the
	 * server), then SIGCONT it.
	 * @param worker the worker
	 * @param what the condition, for messages
	 * @param condition when to resume
	 * @param timeout how long the condition may take
	 */
	void pauseWorkerUntil(WorkerProcess worker, String what, BooleanSupplier condition, Duration timeout) {
		fault("kill -STOP worker " + worker.id() + " until " + what);
		worker.pause();
		try {
			await(what).atMost(timeout).pollInterval(Duration.ofMillis(200)).until(condition::getAsBoolean);
		}
		finally {
			worker.resume();
		}
		heal("worker " + worker.id() + " resumed");
	}

	/**
	 * SIGSTOP a worker and, if what it was doing at that moment makes the fault the one wanted
	 * (for example, it held a lock), keep it stopped until a condition holds and then SIGCONT
	 * it; otherwise SIGCONT it at once and record nothing.
	 * @param worker the worker
	 * @param applies read while the worker is stopped: whether to go on
	 * @param what the fault and its condition, for messages
	 * @param condition when to resume
	 * @param timeout how long the condition may take
	 * @return whether the fault was injected
	 */
	boolean pauseWorkerIf(WorkerProcess worker, BooleanSupplier applies, String what, BooleanSupplier condition,
			Duration timeout) {
		worker.pause();
		try {
			if (!applies.getAsBoolean()) {
				return false;
			}
			fault("kill -STOP worker " + worker.id() + " " + what);
			await(what).atMost(timeout).pollInterval(Duration.ofMillis(200)).until(condition::getAsBoolean);
		}
		finally {
			worker.resume();
		}
		heal("worker " + worker.id() + " resumed");
		return true;
	}

	/**
	 * SIGKILL a worker.
	 * @param worker the worker
	 */
	void killWorker(WorkerProcess worker) {
		fault("kill -9 worker " + worker.id());
		worker.kill();
	}

	/**
	 * Return the faults injected so far.
	 * @return one description per fault
	 */
	List<String> faults() {
		return List.copyOf(this.faults);
	}

	private void fault(String description) {
		this.faults.add(description);
		this.history.record(Type.FAULT, "inject", null, description);
	}

	private void heal(String description) {
		this.history.record(Type.FAULT, "heal", null, description);
	}

}

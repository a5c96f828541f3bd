package io.zkworkflow.reliability;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import io.zkworkflow.reliability.HistoryEvent.Type;
import io.zkworkflow.workflow.SignalDelivery;
import io.zkworkflow.workflow.StepState;
import io.zkworkflow.workflow.StepStatus;
import io.zkworkflow.workflow.WorkflowClient;
import io.zkworkflow.workflow.WorkflowId;
import io.zkworkflow.workflow.WorkflowSignalException;

/**
 * The producer's signals to {@value WorkflowScenarioBeans#WAIT_FLOW} workflows: sent at once
 * (before the workflow reaches its wait, so normally kept: {@code BUFFERED}), or once the
 * workflow's status shows the wait running ({@code DELIVERED}), from a thread of its own. The
 * payload names the workflow's key. A call that fails is retried until it returns: a retry of a
 * signal that took effect answers {@code DUPLICATE} and changes nothing. Every answer is a
 * {@code SIGNAL_SEND} ({@code value} = delivery and key), every failed call a
 * {@code SIGNAL_SEND_FAILED}.
 */
final class SignalSender {

	private static final int MAX_TRIES = 100;

	private final WorkerContext worker;

	private final WorkflowClient client;

	private final Map<WorkflowId, String> waiting = new ConcurrentHashMap<>();

	private final Thread thread;

	private volatile boolean done;

	SignalSender(WorkerContext worker, WorkflowClient client) {
		this.worker = worker;
		this.client = client;
		this.thread = new Thread(this::sendToWaiting, "signal-sender");
		this.thread.setDaemon(true);
		this.thread.start();
	}

	/**
	 * Send the signal now.
	 * @param id the workflow
	 * @param key the workflow's key, the signal's payload
	 */
	void sendNow(WorkflowId id, String key) throws InterruptedException {
		String subject = ScenarioBeans.WORKFLOW_PREFIX + id.value() + "/" + WorkflowScenarioBeans.SIGNAL;
		for (int attempt = 1;; attempt++) {
			try {
				SignalDelivery delivery = this.client.signal(id, WorkflowScenarioBeans.SIGNAL, Map.of("flow", key));
				this.worker.history().record(Type.SIGNAL_SEND, subject, null, delivery + " " + key);
				return;
			}
			catch (WorkflowSignalException ex) {
				// refused before anything was written (the wait timed out, the workflow ended):
				// a retry would be refused the same way
				this.worker.history().record(Type.SIGNAL_SEND_FAILED, subject, null, ex.getMessage());
				return;
			}
			catch (RuntimeException ex) {
				this.worker.history().record(Type.SIGNAL_SEND_FAILED, subject, null, ex.toString());
				if (attempt >= MAX_TRIES) {
					throw ex;
				}
				this.worker.curator().blockUntilConnected();
			}
		}
	}

	/**
	 * Send the signal once the workflow waits for it.
	 * @param id the workflow
	 * @param key the workflow's key, the signal's payload
	 */
	void sendWhenWaiting(WorkflowId id, String key) {
		this.waiting.put(id, key);
	}

	/**
	 * Wait until every signal was sent, then stop the sending thread.
	 * @param timeout how long to wait
	 */
	void finish(Duration timeout) throws InterruptedException {
		long deadline = System.nanoTime() + timeout.toNanos();
		while (!this.waiting.isEmpty() && System.nanoTime() < deadline) {
			Thread.sleep(100); // the producer's own wait, not a test assertion
		}
		this.done = true;
		this.thread.join(timeout.toMillis());
		if (!this.waiting.isEmpty()) {
			throw new IllegalStateException(this.waiting.size() + " signals never sent: their workflows never "
					+ "reached the wait within " + timeout + ": " + this.waiting.keySet());
		}
	}

	private void sendToWaiting() {
		while (!this.done) {
			for (Map.Entry<WorkflowId, String> entry : this.waiting.entrySet()) {
				try {
					StepStatus wait = this.client.status(entry.getKey()).step(WorkflowScenarioBeans.SIGNAL);
					if (wait != null && wait.state() == StepState.RUNNING) {
						sendNow(entry.getKey(), entry.getValue());
						this.waiting.remove(entry.getKey());
					}
				}
				catch (InterruptedException ex) {
					Thread.currentThread().interrupt();
					return;
				}
				catch (RuntimeException ex) {
					// status unreadable while the ensemble recovers: look again on the next round
				}
			}
			try {
				Thread.sleep(100);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				return;
			}
		}
	}

}

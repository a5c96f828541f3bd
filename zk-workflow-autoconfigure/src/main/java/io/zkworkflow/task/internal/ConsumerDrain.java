package io.zkworkflow.task.internal;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

import org.apache.curator.framework.CuratorFramework;

/**
 * One graceful stop of the engine's consumers: they stop claiming at once, their running
 * attempts get until the timeout to finish and commit, and the attempts still running then are
 * handed back to the queue (lease and run node deleted, the attempt not counted) so that
 * another instance claims them without waiting for this session to end.
 */
final class ConsumerDrain {

	private final List<TaskConsumer> consumers;

	private final CuratorFramework curator;

	private final long deadline;

	/** Set when the wait must end before the timeout: the context is being destroyed. */
	private volatile boolean hurry;

	ConsumerDrain(List<TaskConsumer> consumers, CuratorFramework curator, Duration timeout) {
		this.consumers = List.copyOf(consumers);
		this.curator = curator;
		this.deadline = System.nanoTime() + timeout.toNanos();
		this.consumers.forEach(TaskConsumer::stopClaiming);
	}

	/** Wait until no attempt runs or the timeout passes, then hand back what still runs. */
	void drain() {
		// attempts end on their own threads and nothing signals the last one: a short poll is
		// cheap next to a handler's run and keeps the consumers free of shutdown plumbing
		while (!this.hurry && System.nanoTime() < this.deadline
				&& !this.consumers.stream().allMatch(TaskConsumer::isIdle)) {
			LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(10));
			if (Thread.currentThread().isInterrupted()) {
				break;
			}
		}
		if (this.curator.getZookeeperClient().isConnected()) {
			this.consumers.forEach(TaskConsumer::handBackRunning);
		}
	}

	/** End the wait now: what still runs is handed back. */
	void hurry() {
		this.hurry = true;
	}

}

package io.zkworkflow.reliability;

import io.zkworkflow.lock.LockLostException;
import io.zkworkflow.lock.LockNotAcquiredException;
import io.zkworkflow.reliability.GuardedJob.StaleTokenException;
import io.zkworkflow.reliability.HistoryEvent.Type;

/**
 * Workload of the lock scenario: runs the {@link GuardedJob} over and over, contending with the
 * other workers for its lock, and records how each hold ended: {@code LOCK_RELEASE} when the
 * method returned normally (the product considered the lock held to the end), {@code LOCK_LOST}
 * when the product threw {@link LockLostException}. A hold that ended with the resource refusing
 * a write while the product still reported the lock as held is recorded as a
 * {@code LOCK_RELEASE} whose value says so: the holder learned of its loss from the resource,
 * not from the lock (the lock may still tell it later with a {@code LockLostEvent}).
 */
final class LockContender implements Workload {

	@Override
	public void run(WorkerContext worker) throws Exception {
		GuardedJob job = worker.context().getBean(GuardedJob.class);
		int holds = worker.property("reliability.holds", Integer.class, Integer.MAX_VALUE);
		for (int i = 0; i < holds && !Thread.currentThread().isInterrupted(); i++) {
			try {
				long token = job.writeGuarded();
				worker.history().record(Type.LOCK_RELEASE, GuardedJob.LOCK, token, "returned");
			}
			catch (LockLostException ex) {
				worker.history().record(Type.LOCK_LOST, GuardedJob.LOCK, ex.getFencingToken(), "exception: " + ex.getMessage());
			}
			catch (StaleTokenException ex) {
				worker.history().record(Type.LOCK_RELEASE, GuardedJob.LOCK, ex.token(),
						"refused by the resource while the lock was still reported held");
			}
			catch (LockNotAcquiredException ex) {
				// waited 30 s behind the others (a paused holder's session takes a while to expire)
			}
			catch (RuntimeException ex) {
				// ZooKeeper unreachable for a while, the resource's socket timed out: try again
				Long token = job.takeGranted();
				if (token != null) {
					worker.history().record(Type.LOCK_RELEASE, GuardedJob.LOCK, token, "ended by " + ex);
				}
			}
			job.takeGranted();
		}
	}

}

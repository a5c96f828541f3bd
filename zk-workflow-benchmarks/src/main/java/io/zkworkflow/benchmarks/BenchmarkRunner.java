package io.zkworkflow.benchmarks;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.apache.curator.framework.CuratorFramework;
import org.apache.curator.utils.ZKPaths;

/**
 * Runs the selected subjects one after the other against one ZooKeeper, each under its own
 * znode of a run root that is deleted at the end, and collects their results. A subject that
 * throws is reported as failed, and one whose ZooKeeper is lost (a client's session ends) is
 * stopped and reported as failed with that cause; the others still run and the report holds
 * what they measured.
 */
public final class BenchmarkRunner {

	private final String connectString;

	private final SubjectOptions options;

	private final PrintStream progress;

	private final String runRoot;

	private static final long LOSS_CHECK_MILLIS = 500;

	private static final long STOP_WAIT_SECONDS = 10;

	/**
	 * Create a runner.
	 * @param connectString the run's ZooKeeper
	 * @param options options for subjects
	 * @param progress where to print one line per subject as it runs
	 */
	public BenchmarkRunner(String connectString, SubjectOptions options, PrintStream progress) {
		this.connectString = connectString;
		this.options = options;
		this.progress = progress;
		this.runRoot = "/zk-workflow-benchmarks/run-" + System.currentTimeMillis();
	}

	/**
	 * Run every subject with the same plan.
	 * @param subjects the subjects, in order
	 * @param plan warm-up and window
	 * @return one result per subject
	 * @throws InterruptedException when interrupted
	 */
	public List<SubjectResult> run(List<BenchmarkSubject> subjects, RunPlan plan) throws InterruptedException {
		List<SubjectResult> results = new ArrayList<>();
		for (BenchmarkSubject subject : subjects) {
			this.progress.printf("%-28s running ...%n", subject.name());
			long started = System.nanoTime();
			SubjectResult result = runOne(subject, plan);
			results.add(result);
			this.progress.printf("%-28s %s (%.0f s)%n", subject.name(), summary(result),
					(System.nanoTime() - started) / 1e9);
		}
		deleteRunRoot();
		return results;
	}

	private SubjectResult runOne(BenchmarkSubject subject, RunPlan plan) throws InterruptedException {
		try (BenchmarkContext context = new BenchmarkContext(this.connectString,
				ZKPaths.makePath(this.runRoot, subject.name()), this.options)) {
			FutureTask<SubjectResult> task = new FutureTask<>(() -> setUpAndRun(subject, plan, context));
			Thread thread = new Thread(task, "benchmark-" + subject.name());
			thread.setDaemon(true);
			thread.start();
			while (true) {
				try {
					return task.get(LOSS_CHECK_MILLIS, TimeUnit.MILLISECONDS);
				}
				catch (TimeoutException ex) {
					String lost = context.lostZooKeeper();
					if (lost != null) {
						return stopAfterLoss(subject, task, thread, lost);
					}
				}
				catch (ExecutionException ex) {
					return SubjectResult.failed(subject, describe(ex.getCause()), new Correctness());
				}
				catch (InterruptedException ex) {
					thread.interrupt();
					throw ex;
				}
			}
		}
	}

	private SubjectResult setUpAndRun(BenchmarkSubject subject, RunPlan plan, BenchmarkContext context)
			throws InterruptedException {
		try {
			subject.setup(context);
			return subject.run(plan);
		}
		catch (InterruptedException ex) {
			throw ex;
		}
		catch (Exception ex) {
			String lost = context.lostZooKeeper();
			return SubjectResult.failed(subject, (lost != null) ? "lost ZooKeeper: " + lost : describe(ex),
					new Correctness());
		}
		finally {
			try {
				subject.tearDown();
			}
			catch (Exception ex) {
				if (context.lostZooKeeper() == null) {
					this.progress.println(subject.name() + ": tear-down failed: " + describe(ex));
				}
			}
		}
	}

	/**
	 * Stop a subject whose ZooKeeper went away: its calls would only retry until they time out.
	 * The result says why in one line; the run goes on with the next subject.
	 */
	private SubjectResult stopAfterLoss(BenchmarkSubject subject, FutureTask<SubjectResult> task, Thread thread,
			String lost) throws InterruptedException {
		task.cancel(true);
		thread.join(TimeUnit.SECONDS.toMillis(STOP_WAIT_SECONDS));
		return SubjectResult.failed(subject, "stopped, lost ZooKeeper: " + lost, new Correctness());
	}

	private void deleteRunRoot() throws InterruptedException {
		try (BenchmarkContext context = new BenchmarkContext(this.connectString, this.runRoot, this.options)) {
			CuratorFramework client = context.newClient();
			if (client.checkExists().forPath(this.runRoot) != null) {
				client.delete().deletingChildrenIfNeeded().forPath(this.runRoot);
			}
		}
		catch (InterruptedException ex) {
			throw ex;
		}
		catch (Exception ex) {
			this.progress.println("Could not delete " + this.runRoot + ": " + describe(ex));
		}
	}

	private static String summary(SubjectResult result) {
		if (!result.succeeded()) {
			return "FAILED: " + result.failure();
		}
		String summary = Figures.throughput(result.opsPerSecond()) + " ops/s, p50 " + Figures.millis(result.p50Nanos())
				+ " ms, p99 " + Figures.millis(result.p99Nanos()) + " ms";
		return result.violations().isEmpty() ? summary : summary + ", CORRECTNESS LOST " + result.violations();
	}

	static String describe(Throwable ex) {
		String message = ex.getClass().getSimpleName() + ": " + ex.getMessage();
		Throwable cause = ex.getCause();
		return (cause != null && cause != ex) ? message + " (caused by " + cause + ")" : message;
	}

}

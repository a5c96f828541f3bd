package io.zkworkflow.reliability;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * A worker JVM ({@link WorkerMain}: the sample application plus a workload) started by
 * {@link Workers}. SIGKILL it, pause it past its session timeout and resume it (the zombie
 * case), read its health over HTTP.
 */
public final class WorkerProcess {

	private static final Duration STARTUP_TIMEOUT = Duration.ofSeconds(120);

	private final String id;

	private final JavaProcess process;

	private final Path history;

	private int port = -1;

	WorkerProcess(String id, JavaProcess process, Path history) {
		this.id = id;
		this.process = process;
		this.history = history;
	}

	static WorkerProcess start(String id, Path directory, Path history, List<String> properties) {
		List<String> args = new java.util.ArrayList<>();
		properties.forEach((property) -> args.add("--" + property));
		args.add("--reliability.worker-id=" + id);
		args.add("--reliability.history=" + history);
		JavaProcess process = JavaProcess.start("worker-" + id, WorkerMain.class.getName(), List.of("-Xmx256m"), args,
				directory.resolve("worker-" + id + ".log"));
		return new WorkerProcess(id, process, history);
	}

	public String id() {
		return this.id;
	}

	/**
	 * Wait until the application is up and its workload started.
	 * @return this worker
	 */
	public WorkerProcess awaitReady() {
		String ready = this.process.awaitLine("READY port=", STARTUP_TIMEOUT);
		this.port = Integer.parseInt(ready.substring("READY port=".length()).trim());
		return this;
	}

	/**
	 * Wait until the workload has ended by itself.
	 * @param timeout how long to wait
	 */
	public void awaitWorkloadDone(Duration timeout) {
		this.process.awaitLine("WORKLOAD ", timeout);
		if (this.process.findLine("WORKLOAD FAILED").isPresent()) {
			throw new AssertionError("The workload of " + this.id + " failed; see " + this.process.output());
		}
	}

	/**
	 * Return the worker's web port.
	 * @return the port the worker printed when ready
	 */
	public int port() {
		if (this.port < 0) {
			throw new IllegalStateException("Worker " + this.id + " is not ready yet; call awaitReady() first");
		}
		return this.port;
	}

	/**
	 * Return the {@code zkworkflow} health status read over HTTP.
	 * @return {@code UP}, {@code DOWN} or {@code UNREACHABLE}
	 */
	public String health() {
		return HealthProbe.zkWorkflowStatus(port());
	}

	public Path historyFile() {
		return this.history;
	}

	public Path log() {
		return this.process.output();
	}

	public boolean isAlive() {
		return this.process.isAlive();
	}

	/** SIGKILL the worker. */
	public void kill() {
		this.process.kill();
	}

	/** SIGSTOP the worker. */
	public void pause() {
		this.process.pause();
	}

	/** SIGCONT the worker. */
	public void resume() {
		this.process.resume();
	}

	@Override
	public String toString() {
		return "worker " + this.id + " " + this.process;
	}

}

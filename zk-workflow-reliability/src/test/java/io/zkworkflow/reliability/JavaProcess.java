package io.zkworkflow.reliability;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

import static org.awaitility.Awaitility.await;

/**
 * A child JVM started from the test classpath, with its output in a file, that the harness can
 * SIGKILL, SIGSTOP and SIGCONT. Every child is tracked and killed by a shutdown hook, and each
 * one halts by itself when the test JVM dies ({@link OrphanGuard}), so none outlives the test
 * run.
 */
public final class JavaProcess {

	private static final Set<JavaProcess> running = ConcurrentHashMap.newKeySet();

	static {
		Runtime.getRuntime().addShutdownHook(new Thread(JavaProcess::killAll, "reliability-child-reaper"));
	}

	private final String name;

	private final Process process;

	private final Path output;

	private volatile boolean paused;

	private JavaProcess(String name, Process process, Path output) {
		this.name = name;
		this.process = process;
		this.output = output;
	}

	/**
	 * Start {@code mainClass} in a new JVM on the test classpath.
	 * @param name a name for messages
	 * @param mainClass the class whose {@code main} runs
	 * @param jvmOptions options before the main class ({@code -Xmx..}, {@code -Dkey=value})
	 * @param args program arguments
	 * @param output file that receives stdout and stderr
	 * @return the started process
	 */
	public static JavaProcess start(String name, String mainClass, List<String> jvmOptions, List<String> args,
			Path output) {
		return start(name, testClasspath(), mainClass, jvmOptions, args, output);
	}

	/**
	 * Start {@code mainClass} in a new JVM on another classpath, such as the test classpath
	 * with an older release of a library in place of the project's own.
	 * @param name a name for messages
	 * @param classpath the child's classpath; it must hold this module's test classes, where
	 * {@link OrphanGuard} lives
	 * @param mainClass the class whose {@code main} runs
	 * @param jvmOptions options before the main class ({@code -Xmx..}, {@code -Dkey=value})
	 * @param args program arguments
	 * @param output file that receives stdout and stderr
	 * @return the started process
	 */
	public static JavaProcess start(String name, String classpath, String mainClass, List<String> jvmOptions,
			List<String> args, Path output) {
		List<String> command = new ArrayList<>();
		command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
		command.addAll(List.of("-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-Xss512k"));
		command.addAll(jvmOptions);
		command.addAll(List.of("-cp", classpath, OrphanGuard.class.getName(),
				Long.toString(ProcessHandle.current().pid()), mainClass));
		command.addAll(args);
		try {
			Files.createDirectories(output.toAbsolutePath().getParent());
			Files.writeString(output, "# " + String.join(" ", command.subList(0, 1)) + " ... " + mainClass + " "
					+ String.join(" ", args) + "\n", StandardCharsets.UTF_8);
			Process process = new ProcessBuilder(command).redirectErrorStream(true)
				.redirectOutput(ProcessBuilder.Redirect.appendTo(output.toFile()))
				.start();
			JavaProcess started = new JavaProcess(name, process, output);
			running.add(started);
			return started;
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Cannot start " + name + " (" + mainClass + ")", ex);
		}
	}

	/**
	 * The classpath the tests run with: surefire's test classpath when surefire runs the tests
	 * (its own {@code java.class.path} may be a manifest-only jar), else this JVM's classpath.
	 * @return the classpath
	 */
	static String testClasspath() {
		String surefire = System.getProperty("surefire.test.class.path");
		return (surefire != null && !surefire.isBlank()) ? surefire : System.getProperty("java.class.path");
	}

	/** Kill every child still running (SIGKILL). */
	public static void killAll() {
		for (JavaProcess child : running) {
			child.kill();
		}
	}

	public String name() {
		return this.name;
	}

	public long pid() {
		return this.process.pid();
	}

	public Path output() {
		return this.output;
	}

	public boolean isAlive() {
		return this.process.isAlive();
	}

	public boolean isPaused() {
		return this.paused;
	}

	/** SIGKILL the process and wait until it is gone. */
	public void kill() {
		this.process.destroyForcibly();
		try {
			if (!this.process.waitFor(30, TimeUnit.SECONDS)) {
				throw new IllegalStateException(this.name + " (pid " + pid() + ") survived SIGKILL for 30 s");
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
		this.paused = false;
		running.remove(this);
	}

	/** SIGSTOP: the process freezes, sockets stay open, timers stop. */
	public void pause() {
		signal("STOP");
		this.paused = true;
	}

	/** SIGCONT: a paused process runs on as if no time had passed. */
	public void resume() {
		signal("CONT");
		this.paused = false;
	}

	private void signal(String signal) {
		if (!isAlive()) {
			throw new IllegalStateException("Cannot send SIG" + signal + " to " + this.name + ": it is not running");
		}
		try {
			Process kill = new ProcessBuilder("kill", "-" + signal, Long.toString(pid())).inheritIO().start();
			if (!kill.waitFor(10, TimeUnit.SECONDS) || kill.exitValue() != 0) {
				throw new IllegalStateException("kill -" + signal + " " + pid() + " failed for " + this.name);
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Cannot run kill -" + signal + " for " + this.name, ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException("Interrupted while signalling " + this.name, ex);
		}
	}

	/**
	 * Wait until a line of the output starts with {@code prefix}.
	 * @param prefix the start of the line
	 * @param timeout how long to wait before failing
	 * @return the first such line
	 */
	public String awaitLine(String prefix, Duration timeout) {
		return await("'" + prefix + "' in the output of " + this.name + " (" + this.output + ")").atMost(timeout)
			.failFast("process " + this.name + " exited; see " + this.output, () -> !isAlive())
			.until(() -> findLine(prefix), Optional::isPresent)
			.orElseThrow();
	}

	/**
	 * Return the first line of the output that starts with {@code prefix}.
	 * @param prefix the start of the line
	 * @return the line, if there is one yet
	 */
	public Optional<String> findLine(String prefix) {
		try {
			return Files.readAllLines(this.output, StandardCharsets.UTF_8)
				.stream()
				.filter((line) -> line.startsWith(prefix))
				.findFirst();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	@Override
	public String toString() {
		return this.name + "[pid " + pid() + (this.paused ? ", paused" : "") + "]";
	}

}

package io.zkworkflow.reliability;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Starts worker JVMs for one test and kills them (SIGKILL) after it, pass or fail. Also the
 * place of the test's history: workers write to {@code history/<id>.jsonl} in the test's run
 * directory, the test's own recorders ({@link #recorder}) beside them. Register as an instance
 * field.
 *
 * <p>Every worker runs the sample application with its embedded ZooKeeper off, a random web
 * port, a 4 s session timeout, generous client retries (about 25 s), digest security on with
 * {@link #DIGEST}, and quiet ZooKeeper client logs; further properties override these.
 */
public class Workers implements BeforeEachCallback, AfterEachCallback {

	/** The digest credentials every worker uses. */
	public static final String DIGEST = "reliability:reliability-secret";

	private final List<WorkerProcess> started = new ArrayList<>();

	private final List<HistoryRecorder> recorders = new ArrayList<>();

	private @Nullable Path directory;

	@Override
	public void beforeEach(ExtensionContext context) {
		this.directory = RunDirectory.of(context);
	}

	@Override
	public void afterEach(ExtensionContext context) {
		this.started.stream().filter(WorkerProcess::isAlive).forEach(WorkerProcess::kill);
		this.started.clear();
		this.recorders.forEach(HistoryRecorder::close);
		this.recorders.clear();
	}

	/**
	 * Start a worker against a ZooKeeper connect string.
	 * @param id the worker id (and history source)
	 * @param workload the workload name, see {@link WorkerMain#WORKLOADS}
	 * @param connectString the ZooKeeper servers
	 * @param properties further Spring properties, {@code name=value}
	 * @return the started worker (call {@link WorkerProcess#awaitReady()})
	 */
	public WorkerProcess start(String id, String workload, String connectString, String... properties) {
		List<String> all = new ArrayList<>(List.of("zk-workflow.embedded.enabled=false", "server.port=0",
				"spring.cloud.zookeeper.connect-string=" + connectString, "spring.cloud.zookeeper.session-timeout=4s",
				"spring.cloud.zookeeper.connection-timeout=3s", "spring.cloud.zookeeper.max-retries=29",
				"spring.cloud.zookeeper.max-sleep-ms=1000", "zk-workflow.security.digest=" + DIGEST,
				"logging.level.org.apache.zookeeper=WARN", "logging.level.org.apache.curator=WARN",
				"reliability.workload=" + workload));
		all.addAll(List.of(properties));
		WorkerProcess worker = WorkerProcess.start(id, directory(), historyDirectory().resolve(id + ".jsonl"), all);
		this.started.add(worker);
		return worker;
	}

	/**
	 * Return a recorder for the test itself (an observer, the fault injector, a guarded
	 * resource), closed after the test.
	 * @param source the source name
	 * @return the recorder
	 */
	public HistoryRecorder recorder(String source) {
		HistoryRecorder recorder = new HistoryRecorder(historyDirectory().resolve(source + ".jsonl"), source);
		this.recorders.add(recorder);
		return recorder;
	}

	/**
	 * Read the history recorded so far by every worker and recorder of this test.
	 * @return the merged history
	 */
	public History history() {
		return History.read(historyDirectory());
	}

	/**
	 * Count the events of one type recorded so far, without parsing the history (cheap enough to
	 * poll while a long run writes hundreds of thousands of lines).
	 * @param type the event type
	 * @return how many lines record it
	 */
	public long count(HistoryEvent.Type type) {
		String marker = "\"type\":\"" + type.name() + "\"";
		long count = 0;
		try (java.util.stream.Stream<Path> files = Files.list(historyDirectory())) {
			for (Path file : files.filter((path) -> path.toString().endsWith(".jsonl")).toList()) {
				try (java.util.stream.Stream<String> lines = Files.lines(file)) {
					count += lines.filter((line) -> line.contains(marker)).count();
				}
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Cannot count the history in " + historyDirectory(), ex);
		}
		return count;
	}

	/**
	 * Return the directory of this test's logs and history.
	 * @return the run directory
	 */
	public Path directory() {
		if (this.directory == null) {
			throw new IllegalStateException("Workers runs only inside a test; register it with @RegisterExtension");
		}
		return this.directory;
	}

	private Path historyDirectory() {
		try {
			return Files.createDirectories(directory().resolve("history"));
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}

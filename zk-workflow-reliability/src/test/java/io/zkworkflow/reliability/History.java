package io.zkworkflow.reliability;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.Predicate;
import java.util.stream.Stream;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

/**
 * A whole run's history, merged from the per-source files in one directory, ordered by time and
 * then by each source's own sequence. Order across sources is only as good as the clock of one
 * machine; checks that need an exact order use one source's sequence.
 */
public final class History {

	private static final JsonMapper json = JsonMapper.builder().build();

	private final List<HistoryEvent> events;

	/**
	 * Wrap events already in memory (synthetic histories in tests).
	 * @param events the events, in the order they happened
	 */
	public History(List<HistoryEvent> events) {
		this.events = List.copyOf(events);
	}

	/**
	 * Read every {@code *.jsonl} file in a directory. A last line cut short by a SIGKILL is
	 * skipped; a malformed line anywhere else fails, since it means a recorder bug.
	 * @param directory the run's history directory
	 * @return the merged history
	 */
	public static History read(Path directory) {
		List<HistoryEvent> events = new ArrayList<>();
		try (Stream<Path> files = Files.list(directory)) {
			for (Path file : files.filter((path) -> path.toString().endsWith(".jsonl")).sorted().toList()) {
				events.addAll(readFile(file));
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Cannot read the history in " + directory, ex);
		}
		events.sort(Comparator.comparingLong(HistoryEvent::time)
			.thenComparing(HistoryEvent::source)
			.thenComparingLong(HistoryEvent::seq));
		return new History(events);
	}

	private static List<HistoryEvent> readFile(Path file) throws IOException {
		List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
		List<HistoryEvent> events = new ArrayList<>(lines.size());
		for (int i = 0; i < lines.size(); i++) {
			String line = lines.get(i);
			if (line.isBlank()) {
				continue;
			}
			try {
				events.add(json.readValue(line, HistoryEvent.class));
			}
			catch (JacksonException ex) {
				if (i < lines.size() - 1) {
					throw new IllegalStateException("Malformed history line " + (i + 1) + " in " + file + ": " + line,
							ex);
				}
				// the process was killed while writing its last line
			}
		}
		return events;
	}

	/**
	 * Return every event, in order.
	 * @return the events
	 */
	public List<HistoryEvent> events() {
		return this.events;
	}

	/**
	 * Return the events of one type, in order.
	 * @param type the type
	 * @return the matching events
	 */
	public List<HistoryEvent> ofType(HistoryEvent.Type type) {
		return filter((event) -> event.type() == type);
	}

	/**
	 * Return the events that match, in order.
	 * @param predicate the filter
	 * @return the matching events
	 */
	public List<HistoryEvent> filter(Predicate<HistoryEvent> predicate) {
		return this.events.stream().filter(predicate).toList();
	}

	/**
	 * Count the events of one type.
	 * @param type the type
	 * @return how many there are
	 */
	public long count(HistoryEvent.Type type) {
		return this.events.stream().filter((event) -> event.type() == type).count();
	}

	/**
	 * Return when the last fault was injected. Its heal is not the mark: healing a fault (a
	 * restarted server rejoining) may take longer than the rest of the workload, which is still
	 * a workload the fault hit.
	 * @return wall-clock milliseconds of the last {@code FAULT} event that injected one
	 */
	public long lastFaultInjected() {
		List<HistoryEvent> injected = filter(
				(event) -> event.type() == HistoryEvent.Type.FAULT && "inject".equals(event.subject()));
		return injected.get(injected.size() - 1).time();
	}

}

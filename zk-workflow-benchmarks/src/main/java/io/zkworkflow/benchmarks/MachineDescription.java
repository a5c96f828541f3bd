package io.zkworkflow.benchmarks;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.FileStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The machine a run was measured on, printed above the tables: figures mean little without
 * cores, CPU, disk and JVM next to them.
 *
 * @param facts label to value, in report order
 */
public record MachineDescription(Map<String, String> facts) {

	/**
	 * Describe this machine, with the disk that holds {@code dataDir}.
	 * @param dataDir where in-process ZooKeeper keeps its data
	 * @param loadAtStart the load average when the run started, from {@link #loadAverage()}
	 * @return the description
	 */
	public static MachineDescription collect(Path dataDir, String loadAtStart) {
		Map<String, String> facts = new LinkedHashMap<>();
		facts.put("Date", ZonedDateTime.now(ZoneOffset.UTC).format(DateTimeFormatter.ISO_OFFSET_DATE_TIME));
		facts.put("Cores", Runtime.getRuntime().availableProcessors() + " (as seen by the JVM)");
		facts.put("CPU", firstValue(Path.of("/proc/cpuinfo"), "model name").orElse("unknown"));
		facts.put("Memory", firstValue(Path.of("/proc/meminfo"), "MemTotal").orElse("unknown"));
		facts.put("Disk", disk(dataDir));
		facts.put("Load average (1/5/15 min)", "at start " + loadAtStart + ", at end " + loadAverage()
				+ " (other work on the machine shifts absolute figures; ratios within a run hold better)");
		facts.put("JVM", System.getProperty("java.vm.name") + " " + System.getProperty("java.runtime.version") + " ("
				+ System.getProperty("java.vm.vendor") + "), max heap "
				+ Runtime.getRuntime().maxMemory() / (1024 * 1024) + " MiB, GC " + garbageCollectors());
		facts.put("OS", System.getProperty("os.name") + " " + System.getProperty("os.version") + " "
				+ System.getProperty("os.arch"));
		return new MachineDescription(facts);
	}

	/**
	 * Return the 1, 5 and 15 minute load averages.
	 * @return e.g. {@code 1.20 0.80 0.50}, or {@code unknown}
	 */
	public static String loadAverage() {
		try {
			String[] parts = Files.readString(Path.of("/proc/loadavg")).trim().split(" ");
			return parts[0] + " " + parts[1] + " " + parts[2];
		}
		catch (IOException | RuntimeException ex) {
			return "unknown";
		}
	}

	private static java.util.Optional<String> firstValue(Path file, String key) {
		try (Stream<String> lines = Files.lines(file)) {
			return lines.filter((line) -> line.startsWith(key))
				.map((line) -> line.substring(line.indexOf(':') + 1).trim())
				.findFirst();
		}
		catch (IOException | RuntimeException ex) {
			return java.util.Optional.empty();
		}
	}

	private static String disk(Path dataDir) {
		try {
			Path existing = dataDir.toAbsolutePath();
			while (!Files.exists(existing) && existing.getParent() != null) {
				existing = existing.getParent();
			}
			FileStore store = Files.getFileStore(existing);
			String device = store.name();
			String rotational = "";
			if (device.startsWith("/dev/")) {
				Path flag = Path.of("/sys/block", device.substring(5), "queue", "rotational");
				if (Files.isReadable(flag)) {
					rotational = Files.readString(flag).trim().equals("0") ? ", non-rotational" : ", rotational";
				}
			}
			return device + " (" + store.type() + ", " + store.getTotalSpace() / (1024L * 1024 * 1024) + " GiB"
					+ rotational + ") holding " + dataDir;
		}
		catch (IOException | RuntimeException ex) {
			return "unknown (" + ex.getMessage() + ")";
		}
	}

	private static String garbageCollectors() {
		List<String> names = ManagementFactory.getGarbageCollectorMXBeans()
			.stream()
			.map(java.lang.management.GarbageCollectorMXBean::getName)
			.toList();
		return String.join(" + ", names);
	}

	/**
	 * Render as a Markdown bullet list.
	 * @return the list, one fact per line
	 */
	public String toMarkdown() {
		StringBuilder markdown = new StringBuilder();
		this.facts.forEach((label, value) -> markdown.append("- ").append(label).append(": ").append(value).append('\n'));
		return markdown.toString();
	}

}

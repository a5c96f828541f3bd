package io.zkworkflow.config.internal;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The last applied configuration on disk ({@code zk-workflow.config.snapshot-file}), read at
 * startup when ZooKeeper cannot be reached. Written atomically (temporary file, then an atomic
 * rename) with owner-only permissions, since it may hold secrets.
 */
final class SnapshotFile {

	private static final Log logger = LogFactory.getLog(SnapshotFile.class);

	private final Path file;

	private final JsonMapper jsonMapper;

	SnapshotFile(Path file, JsonMapper jsonMapper) {
		this.file = file.toAbsolutePath();
		this.jsonMapper = jsonMapper;
	}

	Path path() {
		return this.file;
	}

	/**
	 * Read the snapshot when ZooKeeper could not be loaded at startup, logging what is used.
	 * @param snapshot the snapshot file, or {@code null} when none is configured
	 * @param contexts the contexts that could not be loaded
	 * @return the entries, or {@code null} when there are none
	 */
	static @Nullable Map<String, RawEntry> readAtStartup(@Nullable SnapshotFile snapshot, List<String> contexts) {
		Map<String, RawEntry> entries = (snapshot != null) ? snapshot.read() : null;
		if (snapshot == null || entries == null) {
			logger.warn("ZooKeeper configuration " + contexts + " could not be loaded at startup and "
					+ ((snapshot != null) ? "the snapshot file " + snapshot.path() + " does not exist"
							: "zk-workflow.config.snapshot-file is not set")
					+ "; starting with defaults until ZooKeeper is reachable.");
			return null;
		}
		logger.warn("ZooKeeper unreachable at startup: using " + entries.size() + " configuration values from the "
				+ "snapshot file " + snapshot.path() + " until it connects.");
		return entries;
	}

	void write(Map<String, RawEntry> entries) throws IOException {
		Map<String, Object> document = new LinkedHashMap<>();
		document.put("written", Instant.now().toString());
		Map<String, Object> values = new TreeMap<>();
		entries.forEach((key, entry) -> values.put(key,
				Map.of("value", entry.value(), "path", entry.path(), "version", entry.version())));
		document.put("entries", values);
		Path directory = this.file.getParent();
		Files.createDirectories(directory);
		Path temporary;
		if (FileSystems.getDefault().supportedFileAttributeViews().contains("posix")) {
			temporary = Files.createTempFile(directory, this.file.getFileName().toString(), ".tmp",
					PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
		}
		else {
			temporary = Files.createTempFile(directory, this.file.getFileName().toString(), ".tmp");
		}
		try {
			Files.write(temporary, this.jsonMapper.writeValueAsBytes(document));
			Files.move(temporary, this.file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
		}
		finally {
			Files.deleteIfExists(temporary);
		}
	}

	/**
	 * Read the snapshot.
	 * @return the entries, or {@code null} when there is no snapshot file
	 * @throws IllegalStateException naming the file when it cannot be read
	 */
	@Nullable Map<String, RawEntry> read() {
		if (!Files.exists(this.file)) {
			return null;
		}
		try {
			JsonNode document = this.jsonMapper.readTree(Files.readAllBytes(this.file));
			Map<String, RawEntry> entries = new LinkedHashMap<>();
			for (Map.Entry<String, JsonNode> entry : document.path("entries").properties()) {
				JsonNode value = entry.getValue();
				entries.put(entry.getKey(), new RawEntry(value.path("value").asString(), value.path("path").asString(),
						value.path("version").asInt(), 0, null));
			}
			return entries;
		}
		catch (IOException | RuntimeException ex) {
			String hint = (ex instanceof AccessDeniedException) ? " (check its owner and permissions)" : "";
			throw new IllegalStateException("Cannot read the configuration snapshot " + this.file + hint + ": " + ex
					+ ". Delete it or fix zk-workflow.config.snapshot-file.", ex);
		}
	}

}

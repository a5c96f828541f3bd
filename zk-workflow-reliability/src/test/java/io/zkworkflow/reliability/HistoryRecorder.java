package io.zkworkflow.reliability;

import java.io.FileOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import org.jspecify.annotations.Nullable;
import tools.jackson.databind.json.JsonMapper;

/**
 * Appends {@link HistoryEvent}s of one source to its own file, one JSON line per event, written
 * straight to the operating system (no user-space buffer), so that a line recorded before a
 * SIGKILL survives it. Thread-safe.
 */
public final class HistoryRecorder implements AutoCloseable {

	private static final JsonMapper json = JsonMapper.builder().build();

	private final String source;

	private final OutputStream out;

	private long seq;

	/**
	 * Open (append to) the history file of {@code source}.
	 * @param file the file, created with its parent directories if needed
	 * @param source the name recorded with every event
	 */
	public HistoryRecorder(Path file, String source) {
		this.source = source;
		try {
			Files.createDirectories(file.toAbsolutePath().getParent());
			this.out = new FileOutputStream(file.toFile(), true);
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Cannot open history file " + file, ex);
		}
	}

	/**
	 * Record an event without token or value.
	 * @param type what happened
	 * @param subject what it happened to
	 */
	public void record(HistoryEvent.Type type, String subject) {
		record(type, subject, null, null);
	}

	/**
	 * Record an event.
	 * @param type what happened
	 * @param subject what it happened to
	 * @param token a fencing token, if any
	 * @param value a detail, if any
	 */
	public synchronized void record(HistoryEvent.Type type, String subject, @Nullable Long token,
			@Nullable String value) {
		HistoryEvent event = new HistoryEvent(System.currentTimeMillis(), this.source, this.seq++, type, subject,
				token, value);
		byte[] line = (json.writeValueAsString(event) + "\n").getBytes(StandardCharsets.UTF_8);
		try {
			this.out.write(line);
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Cannot append to the history of " + this.source, ex);
		}
	}

	@Override
	public synchronized void close() {
		try {
			this.out.close();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}

package io.zkworkflow.reliability;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.zkworkflow.reliability.HistoryEvent.Type;

/**
 * The resource a lock protects, in the test JVM: an HTTP service that keeps the highest fencing
 * token it accepted and refuses any write carrying a lower one ({@code 409}), as a database row
 * with a {@code fence} column would. {@code POST /write?token=T&holder=H} records
 * {@code WRITE_ACCEPTED} or {@code WRITE_REFUSED} with its own recorder: one source and one lock,
 * so the history holds the resource's true order. {@code GET /read} answers the highest token.
 */
final class GuardedResource implements AutoCloseable {

	/** The subject of every write in the history. */
	static final String NAME = "guarded-resource";

	private final HistoryRecorder history;

	private final HttpServer server;

	private final ExecutorService executor = Executors.newFixedThreadPool(4);

	private long highest = Long.MIN_VALUE;

	private GuardedResource(HistoryRecorder history) throws IOException {
		this.history = history;
		this.server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 50);
		this.server.createContext("/write", this::write);
		this.server.createContext("/read", this::read);
		this.server.setExecutor(this.executor);
		this.server.start();
	}

	static GuardedResource start(HistoryRecorder history) {
		try {
			return new GuardedResource(history);
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Cannot start the guarded resource", ex);
		}
	}

	String url() {
		return "http://127.0.0.1:" + this.server.getAddress().getPort() + "/";
	}

	private void write(HttpExchange exchange) throws IOException {
		Map<String, String> query = query(exchange);
		long token = Long.parseLong(query.get("token"));
		String holder = query.get("holder");
		boolean accepted;
		long seen;
		synchronized (this) {
			seen = this.highest;
			accepted = token >= this.highest;
			if (accepted) {
				this.highest = token;
			}
			// recorded inside the lock: the history's order is the order of the decisions
			this.history.record(accepted ? Type.WRITE_ACCEPTED : Type.WRITE_REFUSED, NAME, token, holder);
		}
		answer(exchange, accepted ? 200 : 409, accepted ? "accepted" : "token " + token + " < " + seen);
	}

	private void read(HttpExchange exchange) throws IOException {
		long seen;
		synchronized (this) {
			seen = this.highest;
		}
		answer(exchange, 200, Long.toString(seen));
	}

	private static void answer(HttpExchange exchange, int status, String body) throws IOException {
		byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
		exchange.sendResponseHeaders(status, bytes.length);
		try (OutputStream out = exchange.getResponseBody()) {
			out.write(bytes);
		}
	}

	private static Map<String, String> query(HttpExchange exchange) {
		Map<String, String> values = new HashMap<>();
		String raw = exchange.getRequestURI().getRawQuery();
		if (raw != null) {
			for (String pair : raw.split("&")) {
				int eq = pair.indexOf('=');
				if (eq > 0) {
					values.put(pair.substring(0, eq), pair.substring(eq + 1));
				}
			}
		}
		return values;
	}

	@Override
	public void close() {
		this.server.stop(0);
		this.executor.shutdownNow();
	}

}

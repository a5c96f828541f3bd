package io.zkworkflow.reliability;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

import io.zkworkflow.lock.DistributedLocked;
import io.zkworkflow.lock.LockContext;
import io.zkworkflow.reliability.HistoryEvent.Type;
import org.jspecify.annotations.Nullable;

import org.springframework.core.env.Environment;

/**
 * The locked job of the lock scenario: while holding {@value #LOCK} it does
 * {@code reliability.lock-writes} read-modify-write rounds on the {@link GuardedResource} (read
 * the resource, then write with its fencing token), so that a pause often lands inside the lock,
 * the way an application updates a resource under a lock. A refused write ends the job with
 * {@link StaleTokenException}, as a real application's resource client would.
 */
public class GuardedJob {

	/** The lock every worker contends on. */
	static final String LOCK = "reliability-guarded";

	private final HistoryRecorder history;

	private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

	private final URI resource;

	private final int writes;

	private final String id;

	private final ThreadLocal<Long> granted = new ThreadLocal<>();

	GuardedJob(HistoryRecorder history, Environment environment) {
		this.history = history;
		this.resource = URI.create(environment.getProperty("reliability.resource", "http://127.0.0.1:1/"));
		this.writes = environment.getProperty("reliability.lock-writes", Integer.class, 10);
		this.id = environment.getProperty("reliability.worker-id", "?");
	}

	/**
	 * Take the lock and write through the guarded resource.
	 * @return the fencing token the lock granted
	 * @throws InterruptedException when interrupted
	 */
	@DistributedLocked(name = LOCK, waitTime = "30s")
	public long writeGuarded() throws InterruptedException {
		long token = LockContext.current().fencingToken();
		this.granted.set(token);
		this.history.record(Type.LOCK_GRANT, LOCK, token, null);
		for (int i = 0; i < this.writes; i++) {
			send("GET", "/read", token);
			send("POST", "/write", token);
		}
		return token;
	}

	/**
	 * Return the token of the last grant on this thread and forget it.
	 * @return the token, or {@code null} when the last call was not granted the lock
	 */
	public @Nullable Long takeGranted() {
		Long token = this.granted.get();
		this.granted.remove();
		return token;
	}

	private void send(String method, String path, long token) throws InterruptedException {
		HttpRequest request = HttpRequest.newBuilder(this.resource.resolve(path + "?token=" + token + "&holder=" + this.id))
			.timeout(Duration.ofSeconds(10))
			.method(method, HttpRequest.BodyPublishers.noBody())
			.build();
		HttpResponse<String> response;
		try {
			response = this.http.send(request, HttpResponse.BodyHandlers.ofString());
		}
		catch (IOException ex) {
			throw new IllegalStateException("The guarded resource did not answer", ex);
		}
		if (response.statusCode() == 409) {
			throw new StaleTokenException(token, response.body());
		}
		if (response.statusCode() != 200) {
			throw new IllegalStateException("The guarded resource answered " + response.statusCode());
		}
	}

	/** The guarded resource refused a write: a newer holder has written. */
	public static class StaleTokenException extends RuntimeException {

		private final long token;

		StaleTokenException(long token, String detail) {
			super("The guarded resource refused token " + token + ": " + detail);
			this.token = token;
		}

		public long token() {
			return this.token;
		}

	}

}

package io.zkworkflow.lock;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;

import reactor.core.publisher.Mono;

import org.springframework.beans.factory.ObjectProvider;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Locked methods of every kind, used by the policy tests. {@code hold*} methods signal
 * {@code entered} and keep their lock until {@code gate} opens.
 */
public class Jobs {

	private final ObjectProvider<Jobs> self;

	public Jobs(ObjectProvider<Jobs> self) {
		this.self = self;
	}

	@DistributedLocked(name = "shared", key = "#id")
	public String hold(String id, CountDownLatch entered, CountDownLatch gate) throws InterruptedException {
		entered.countDown();
		gate.await();
		return "held";
	}

	@DistributedLocked(name = "shared", key = "#id")
	public String tryThrow(String id) {
		return "ran";
	}

	@DistributedLocked(name = "shared", key = "#id", onFailure = OnLockFailure.SKIP)
	public String trySkip(String id) {
		return "ran";
	}

	@DistributedLocked(name = "shared", key = "#id", onFailure = OnLockFailure.SKIP)
	public Optional<String> trySkipOptional(String id) {
		return Optional.of("ran");
	}

	@DistributedLocked(name = "shared", key = "#id", onFailure = OnLockFailure.FALLBACK, fallbackMethod = "busy")
	public String tryFallback(String id) {
		return "ran";
	}

	public String busy(String id) {
		return "fallback for " + id;
	}

	@DistributedLocked(name = "shared", key = "#id", waitTime = "${test.wait-time:30s}")
	public String waitFor(String id) {
		return "ran";
	}

	@DistributedLocked(name = "tick", minHoldTime = "1h", onFailure = OnLockFailure.SKIP)
	public String tick() {
		return "ran";
	}

	@DistributedLocked(name = "bounded", maxHoldTime = "PT0.5S", waitTime = "30s")
	public long holdPastMaxHoldTime(CountDownLatch entered) {
		LockContext lock = LockContext.current();
		entered.countDown();
		org.awaitility.Awaitility.await().atMost(Duration.ofMinutes(1)).until(() -> lock.state() == LockState.LOST);
		return lock.fencingToken();
	}

	@DistributedLocked(name = "bounded", waitTime = "30s")
	public long takeBounded() {
		return LockContext.current().fencingToken();
	}

	@DistributedLocked(name = "rw", mode = LockMode.READ)
	public String holdRead(CountDownLatch entered, CountDownLatch gate) throws InterruptedException {
		entered.countDown();
		gate.await();
		return "read";
	}

	@DistributedLocked(name = "rw", mode = LockMode.READ)
	public String readOnce() {
		return "read";
	}

	@DistributedLocked(name = "rw", mode = LockMode.WRITE)
	public String writeOnce() {
		return "written";
	}

	@DistributedLocked(name = "rw", mode = LockMode.READ)
	public String readThenWrite() {
		return this.self.getObject().writeOnce();
	}

	@DistributedLocked(name = "permits", mode = LockMode.SEMAPHORE, permits = 2)
	public String holdPermit(CountDownLatch entered, CountDownLatch gate) throws InterruptedException {
		entered.countDown();
		gate.await();
		return "permit";
	}

	@DistributedLocked(name = "permits", mode = LockMode.SEMAPHORE, permits = 2)
	public String permitOnce() {
		return "permit";
	}

	@DistributedLocked(name = "reentrant", key = "#id")
	public long outer(String id) {
		long token = LockContext.current().fencingToken();
		long inner = this.self.getObject().inner(id);
		assertThat(inner).isEqualTo(token);
		assertThat(LockContext.current().fencingToken()).isEqualTo(token);
		return token;
	}

	@DistributedLocked(name = "reentrant", key = "#p0")
	public long inner(String id) {
		return LockContext.current().fencingToken();
	}

	@DistributedLocked(name = "async")
	public CompletableFuture<String> async(CompletableFuture<String> result) {
		return result;
	}

	@DistributedLocked(name = "async", onFailure = OnLockFailure.SKIP)
	public CompletableFuture<String> asyncOnce() {
		return CompletableFuture.completedFuture("ran");
	}

	@DistributedLocked(name = "mono")
	public Mono<String> mono(Mono<String> result) {
		return result;
	}

	@DistributedLocked(name = "mono", onFailure = OnLockFailure.SKIP)
	public Mono<String> monoOnce() {
		return Mono.just("ran");
	}

}

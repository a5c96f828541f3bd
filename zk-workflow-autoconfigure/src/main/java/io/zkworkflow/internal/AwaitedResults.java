package io.zkworkflow.internal;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;
import java.util.function.Supplier;

import org.jspecify.annotations.Nullable;

/**
 * The two ways a client hands out a result that a {@link ZnodeWaiter} waits for: blocking for
 * at most a timeout, or as a future of the converted result. Either way the exceptions are the
 * public ones, never wrapped in an {@link ExecutionException}, and a wait that ends early
 * (timeout, cancelled future) ends the {@link ZnodeWaiter}'s wait too.
 */
public final class AwaitedResults {

	private AwaitedResults() {
	}

	/**
	 * Refuse a negative timeout.
	 * @param timeout the timeout
	 * @param what what is awaited, such as {@code task echo/...}
	 */
	public static void checkTimeout(Duration timeout, String what) {
		if (timeout.isNegative()) {
			throw new IllegalArgumentException("The timeout to wait for " + what + " is negative (" + timeout
					+ "); use Duration.ZERO to take a result only if it is already there");
		}
	}

	/**
	 * Wait for an outcome.
	 * @param <R> the outcome's type
	 * @param outcome the outcome, ended when this returns
	 * @param timeout how long to wait
	 * @param timedOut the exception for a timeout
	 * @param what what is awaited, for messages
	 * @return the outcome
	 */
	public static <R> R get(CompletableFuture<R> outcome, Duration timeout, Supplier<RuntimeException> timedOut,
			String what) {
		try {
			return outcome.get(timeout.toNanos(), TimeUnit.NANOSECONDS);
		}
		catch (TimeoutException ex) {
			throw timedOut.get();
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException("Interrupted while waiting for the result of " + what, ex);
		}
		catch (ExecutionException ex) {
			throw unwrapped(ex.getCause(), what);
		}
		finally {
			outcome.cancel(false);
		}
	}

	/**
	 * Return a future of the converted outcome; cancelling it, or its timing out, ends the
	 * wait for the outcome.
	 * @param <R> the outcome's type
	 * @param <T> the result's type
	 * @param outcome the outcome
	 * @param convert turns the outcome into the result, or throws the public exception
	 * @param what what is awaited, for messages
	 * @return the result
	 */
	public static <R, T> CompletableFuture<@Nullable T> map(CompletableFuture<R> outcome,
			Function<R, @Nullable T> convert, String what) {
		CompletableFuture<@Nullable T> result = new CompletableFuture<>();
		outcome.whenComplete((value, failure) -> {
			try {
				if (failure != null) {
					throw unwrapped(failure, what);
				}
				result.complete(convert.apply(value));
			}
			catch (RuntimeException ex) {
				result.completeExceptionally(ex);
			}
		});
		result.whenComplete((value, failure) -> outcome.cancel(false));
		return result;
	}

	private static RuntimeException unwrapped(@Nullable Throwable failure, String what) {
		Throwable cause = (failure instanceof CompletionException && failure.getCause() != null) ? failure.getCause()
				: failure;
		if (cause instanceof RuntimeException runtime) {
			return runtime;
		}
		return new IllegalStateException("Could not wait for the result of " + what + ": " + cause, cause);
	}

}

package io.zkworkflow.lock.internal;

import io.zkworkflow.lock.LockNotAcquiredException;
import io.zkworkflow.lock.LockRequest;
import io.zkworkflow.lock.LockState;
import io.zkworkflow.lock.OnLockLost;
import org.aopalliance.intercept.MethodInvocation;
import org.jspecify.annotations.Nullable;
import org.reactivestreams.Publisher;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * Locks around {@code Mono} and {@code Flux} methods: acquired on subscription (on a
 * bounded-elastic thread, since waiting blocks), the method invoked then, released when the
 * publisher terminates or is cancelled. Only loaded when Reactor is present.
 */
final class ReactorLocking {

	private ReactorLocking() {
	}

	static @Nullable ReturnKind kindOf(Class<?> type) {
		if (Mono.class.isAssignableFrom(type)) {
			return ReturnKind.MONO;
		}
		if (Flux.class.isAssignableFrom(type)) {
			return ReturnKind.FLUX;
		}
		return null;
	}

	static Object empty(ReturnKind kind) {
		return (kind == ReturnKind.MONO) ? Mono.empty() : Flux.empty();
	}

	static Object lock(DistributedLockInterceptor interceptor, MethodInvocation invocation, LockDefinition definition,
			LockRequest request) {
		boolean mono = definition.returnKind() == ReturnKind.MONO;
		Flux<Object> locked = Flux.defer(() -> {
			LockLease lease;
			try {
				lease = interceptor.acquire(request);
			}
			catch (LockNotAcquiredException ex) {
				return publisher(() -> interceptor.notAcquired(invocation, definition, ex));
			}
			lease.detach();
			Flux<Object> body = publisher(() -> DistributedLockInterceptor.proceedAgain(invocation));
			if (definition.onLockLost() != OnLockLost.IGNORE) {
				body = body.concatWith(Mono.defer(() -> (lease.state() == LockState.LOST)
						? Mono.error(LockedExecution.lossOf(lease.lock(), null, null)) : Mono.empty()))
					.onErrorMap((ex) -> lease.state() == LockState.LOST,
							(ex) -> LockedExecution.lossOf(lease.lock(), null, ex));
			}
			return body.doFinally((signal) -> lease.close());
		}).subscribeOn(Schedulers.boundedElastic());
		return mono ? locked.next() : locked;
	}

	@SuppressWarnings("unchecked")
	private static Flux<Object> publisher(Call call) {
		try {
			Object result = call.run();
			return (result != null) ? Flux.from((Publisher<Object>) result) : Flux.empty();
		}
		catch (Throwable ex) {
			return Flux.error(ex);
		}
	}

	@FunctionalInterface
	private interface Call {

		@Nullable Object run() throws Throwable;

	}

}

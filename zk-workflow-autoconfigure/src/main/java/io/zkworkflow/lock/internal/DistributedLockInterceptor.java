package io.zkworkflow.lock.internal;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;

import io.zkworkflow.lock.DistributedLockTemplate;
import io.zkworkflow.lock.LockFailureHandler;
import io.zkworkflow.lock.LockNotAcquiredException;
import io.zkworkflow.lock.LockRequest;
import io.zkworkflow.lock.LockState;
import io.zkworkflow.lock.OnLockLost;
import org.aopalliance.intercept.MethodInterceptor;
import org.aopalliance.intercept.MethodInvocation;
import org.jspecify.annotations.Nullable;

import org.springframework.aop.ProxyMethodInvocation;
import org.springframework.aop.support.AopUtils;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.util.ClassUtils;

/**
 * Runs {@code @DistributedLocked} methods under their lock. Its collaborators are looked up on
 * first use, so that creating the advisor early does not drag the ZooKeeper client with it.
 */
public final class DistributedLockInterceptor implements MethodInterceptor {

	private static final boolean TRANSACTIONS_PRESENT = ClassUtils.isPresent(
			"org.springframework.transaction.support.TransactionSynchronizationManager",
			DistributedLockInterceptor.class.getClassLoader());

	private final ObjectProvider<DistributedLockTemplate> template;

	private final ObjectProvider<LockDefinitions> definitions;

	private final ObjectProvider<LockFailureHandler> failureHandler;

	public DistributedLockInterceptor(ObjectProvider<DistributedLockTemplate> template,
			ObjectProvider<LockDefinitions> definitions, ObjectProvider<LockFailureHandler> failureHandler) {
		this.template = template;
		this.definitions = definitions;
		this.failureHandler = failureHandler;
	}

	@Override
	public @Nullable Object invoke(MethodInvocation invocation) throws Throwable {
		Object target = invocation.getThis();
		Class<?> targetClass = (target != null) ? AopUtils.getTargetClass(target)
				: invocation.getMethod().getDeclaringClass();
		Method method = AopUtils.getMostSpecificMethod(invocation.getMethod(), targetClass);
		LockDefinitions definitions = this.definitions.getObject();
		LockDefinition definition = definitions.get(method, targetClass);
		if (definition == null) {
			return invocation.proceed();
		}
		LockRequest request = definition.request(
				definitions.resolveKey(definition, method, invocation.getArguments(), target, targetClass));
		return switch (definition.returnKind()) {
			case MONO, FLUX -> ReactorLocking.lock(this, invocation, definition, request);
			case COMPLETION_STAGE -> lockUntilComplete(invocation, definition, request);
			default -> lockDuringCall(invocation, definition, request);
		};
	}

	private @Nullable Object lockDuringCall(MethodInvocation invocation, LockDefinition definition,
			LockRequest request) throws Throwable {
		LockLease lease;
		try {
			lease = acquire(request);
		}
		catch (LockNotAcquiredException ex) {
			return notAcquired(invocation, definition, ex);
		}
		return LockedExecution.run(lease, definition.onLockLost(), invocation::proceed);
	}

	private @Nullable Object lockUntilComplete(MethodInvocation invocation, LockDefinition definition,
			LockRequest request) throws Throwable {
		LockLease lease;
		try {
			lease = acquire(request);
		}
		catch (LockNotAcquiredException ex) {
			return notAcquired(invocation, definition, ex);
		}
		Object result;
		try {
			result = invocation.proceed();
		}
		catch (Throwable ex) {
			boolean lost = lease.state() == LockState.LOST;
			lease.close();
			throw (lost && definition.onLockLost() != OnLockLost.IGNORE) ? LockedExecution.lossOf(lease.lock(), null, ex)
					: ex;
		}
		lease.detach();
		if (result == null) {
			lease.close();
			return null;
		}
		CompletableFuture<@Nullable Object> completion = new CompletableFuture<>();
		((CompletionStage<?>) result).whenComplete((value, failure) -> {
			boolean lost = lease.state() == LockState.LOST;
			lease.close();
			Throwable cause = (failure instanceof CompletionException && failure.getCause() != null)
					? failure.getCause() : failure;
			if (lost && definition.onLockLost() != OnLockLost.IGNORE) {
				completion.completeExceptionally(LockedExecution.lossOf(lease.lock(), value, cause));
			}
			else if (cause != null) {
				completion.completeExceptionally(cause);
			}
			else {
				completion.complete(value);
			}
		});
		return completion;
	}

	LockLease acquire(LockRequest request) {
		LockLease lease = (LockLease) this.template.getObject().acquire(request);
		if (TRANSACTIONS_PRESENT) {
			LockTransactionGuard.registerIfActive(java.util.List.of(lease.lock()));
		}
		return lease;
	}

	@Nullable Object notAcquired(MethodInvocation invocation, LockDefinition definition, LockNotAcquiredException ex)
			throws Throwable {
		return switch (definition.onFailure()) {
			case THROW -> throw ex;
			case SKIP -> definition.returnKind().skipValue();
			case FALLBACK -> fallback(invocation, definition, ex);
		};
	}

	private @Nullable Object fallback(MethodInvocation invocation, LockDefinition definition,
			LockNotAcquiredException ex) throws Throwable {
		Method fallback = definition.fallbackMethod();
		if (fallback == null) {
			LockFailureHandler handler = this.failureHandler.getIfAvailable();
			if (handler == null) {
				throw new IllegalStateException("@DistributedLocked on " + definition.where()
						+ " uses onFailure = FALLBACK without fallbackMethod, and there is no LockFailureHandler bean", ex);
			}
			return handler.handle(invocation, ex);
		}
		try {
			return fallback.invoke(invocation.getThis(), invocation.getArguments());
		}
		catch (InvocationTargetException failure) {
			throw failure.getTargetException();
		}
	}

	static @Nullable Object proceedAgain(MethodInvocation invocation) throws Throwable {
		if (invocation instanceof ProxyMethodInvocation proxied) {
			return proxied.invocableClone().proceed();
		}
		return invocation.proceed();
	}

}

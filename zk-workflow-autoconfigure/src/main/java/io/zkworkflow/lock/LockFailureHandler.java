package io.zkworkflow.lock;

import org.aopalliance.intercept.MethodInvocation;
import org.jspecify.annotations.Nullable;

/**
 * Called for {@link OnLockFailure#FALLBACK} methods that name no {@code fallbackMethod}. Declare
 * one bean of this type.
 */
@FunctionalInterface
public interface LockFailureHandler {

	/**
	 * Produce the result of a call whose lock was not acquired.
	 * @param invocation the intercepted call (not proceeded)
	 * @param failure why the lock was not acquired
	 * @return the value the method returns
	 * @throws Throwable to end the call with an exception
	 */
	@Nullable Object handle(MethodInvocation invocation, LockNotAcquiredException failure) throws Throwable;

}

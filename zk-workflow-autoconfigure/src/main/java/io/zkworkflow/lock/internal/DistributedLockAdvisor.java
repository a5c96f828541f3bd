package io.zkworkflow.lock.internal;

import io.zkworkflow.lock.DistributedLocked;
import org.aopalliance.aop.Advice;

import org.springframework.aop.Pointcut;
import org.springframework.aop.support.AbstractPointcutAdvisor;
import org.springframework.aop.support.annotation.AnnotationMatchingPointcut;

/**
 * Applies {@link DistributedLockInterceptor} to {@link DistributedLocked} methods. An
 * infrastructure advisor: no AspectJ needed. Its order is below (before) the transaction
 * advisor's, so the lock wraps the transaction.
 */
public final class DistributedLockAdvisor extends AbstractPointcutAdvisor {

	private final transient Pointcut pointcut = new AnnotationMatchingPointcut(null, DistributedLocked.class, true);

	private final transient Advice advice;

	public DistributedLockAdvisor(DistributedLockInterceptor interceptor, int order) {
		this.advice = interceptor;
		setOrder(order);
	}

	@Override
	public Pointcut getPointcut() {
		return this.pointcut;
	}

	@Override
	public Advice getAdvice() {
		return this.advice;
	}

}

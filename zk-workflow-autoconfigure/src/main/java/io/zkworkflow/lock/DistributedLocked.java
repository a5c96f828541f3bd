package io.zkworkflow.lock;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Runs the annotated method while holding a lock shared by every instance connected to the same
 * ZooKeeper ensemble. The lock wraps {@code @Transactional} on the same method, and a transaction
 * that would commit after the lock became {@link LockState#SUSPECT} or {@link LockState#LOST} is
 * rolled back.
 *
 * <pre class="code">
 * &#64;DistributedLocked(key = "#order.customerId", waitTime = "5s")
 * public void place(Order order) { ... }
 * </pre>
 *
 * Durations accept {@code 10s}, {@code 500ms}, ISO-8601 ({@code PT1M}) and {@code ${...}}
 * placeholders; empty means the {@code zk-workflow.lock.*} default. Everything is checked at
 * startup: a bad expression, name or duration fails the application context.
 */
@Target(ElementType.METHOD)
@Retention(RetentionPolicy.RUNTIME)
@Documented
public @interface DistributedLocked {

	/**
	 * Lock name: static and low-cardinality (it is a metric tag). Letters, digits, '.', '_' and
	 * '-'. Defaults to {@code SimpleClassName.method}.
	 * @return the lock name
	 */
	String name() default "";

	/**
	 * SpEL expression for the lock key, evaluated like {@code @Cacheable}'s key: parameters by
	 * name, {@code #p0}/{@code #a0}, {@code #root.method}, {@code @beanName}. Empty means one
	 * lock per name. Any resolved value becomes one safe znode name.
	 * @return the key expression
	 */
	String key() default "";

	/**
	 * How the lock is shared.
	 * @return the mode
	 */
	LockMode mode() default LockMode.EXCLUSIVE;

	/**
	 * Holders allowed at once with {@link LockMode#SEMAPHORE}.
	 * @return the number of permits
	 */
	int permits() default 1;

	/**
	 * How long to wait for the lock; {@code 0} tries once.
	 * @return a duration string, empty for {@code zk-workflow.lock.wait-time}
	 */
	String waitTime() default "";

	/**
	 * Keep the lock this long after acquiring it even when the method returns earlier, so that a
	 * scheduled job runs once per tick across instances.
	 * @return a duration string, empty for {@code zk-workflow.lock.min-hold-time}
	 */
	String minHoldTime() default "";

	/**
	 * Treat the lock as lost (and free it for others) once it has been held this long.
	 * @return a duration string, empty for {@code zk-workflow.lock.max-hold-time}
	 */
	String maxHoldTime() default "";

	/**
	 * What to do when the lock is not acquired in time.
	 * @return the failure policy
	 */
	OnLockFailure onFailure() default OnLockFailure.THROW;

	/**
	 * With {@link OnLockFailure#FALLBACK}: a method on the same bean with the same parameter
	 * types, called instead. Empty uses the {@link LockFailureHandler} bean.
	 * @return the fallback method name
	 */
	String fallbackMethod() default "";

	/**
	 * What to do when the lock is lost while the method runs.
	 * @return the loss policy
	 */
	OnLockLost onLockLost() default OnLockLost.FAIL;

}

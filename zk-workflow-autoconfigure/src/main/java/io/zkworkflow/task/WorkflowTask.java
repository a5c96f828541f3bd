package io.zkworkflow.task;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import io.zkworkflow.task.internal.WorkflowTaskReflectiveProcessor;

import org.springframework.aot.hint.annotation.Reflective;

/**
 * Marks a bean method as the handler of a durable task. Any instance that declares the
 * handler may run a submitted task; the method's parameters are the payload (bound from JSON
 * with the application's Jackson mapper) and, optionally, a {@link TaskContext}. The return
 * value, if any, is the task's output. An exception fails the attempt, which is retried with
 * exponential backoff until {@link #maxAttempts()} and then dead-lettered.
 * <p>
 * Durations accept Spring Boot's formats ({@code 500ms}, {@code 2s}, {@code PT1M}) and
 * {@code ${...}} placeholders.
 * <p>
 * Spring's AOT engine registers what a native image needs for the method: its reflective
 * invocation and the JSON binding of its payload and result types.
 */
@Target(ElementType.METHOD)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Reflective(WorkflowTaskReflectiveProcessor.class)
public @interface WorkflowTask {

	/**
	 * Task name, unique within the application: letters, digits, '.', '_' and '-'.
	 * @return the name
	 */
	String name();

	/**
	 * How many tasks of this name one instance runs at the same time.
	 * @return the per-instance concurrency
	 */
	int concurrency() default 4;

	/**
	 * How many tasks of this name run at the same time across all instances; {@code 0} (the
	 * default) for no fleet-wide limit. The property
	 * {@code zk-workflow.tasks.limits.<name>.concurrency} takes precedence. Give every handler
	 * of the name the same value.
	 * @return the fleet-wide concurrency, 0 for none
	 */
	int fleetConcurrency() default 0;

	/**
	 * How many tasks of this name may start per period across all instances, written
	 * {@code permits/period} ({@code "100/1m"}, {@code "5/1s"}; placeholders are resolved);
	 * empty (the default) for no fleet-wide rate limit. Every attempt, retries included, takes
	 * a permit before it is claimed. The property {@code zk-workflow.tasks.limits.<name>.rate}
	 * takes precedence. Give every handler of the name the same value.
	 * @return the fleet-wide rate, empty for none
	 */
	String fleetRate() default "";

	/**
	 * Attempts before a failing task is dead-lettered, counting attempts lost with a
	 * crashed worker.
	 * @return the attempt budget
	 */
	int maxAttempts() default 3;

	/**
	 * Delay before the first retry; doubled for every further retry, with jitter.
	 * @return the initial backoff
	 */
	String backoff() default "1s";

	/**
	 * Upper bound of the retry delay.
	 * @return the largest backoff
	 */
	String maxBackoff() default "5m";

	/**
	 * How long one attempt may run. When it elapses the handler is interrupted, the attempt
	 * fails and its result, should it still arrive, is discarded.
	 * @return the attempt timeout
	 */
	String timeout() default "5m";

	/**
	 * Cron expression (Spring's {@code CronExpression}: six fields, second first, or a macro
	 * such as {@code @hourly}) on which the fleet's coordinator submits this task, once per
	 * tick across all instances. Empty (the default) for no schedule. The handler may take a
	 * {@code io.zkworkflow.workflow.ScheduledFire} payload parameter.
	 * @return the cron expression, or empty
	 */
	String cron() default "";

	/**
	 * Time zone of {@link #cron()}, a {@code ZoneId} such as {@code Europe/Berlin}. Empty
	 * means UTC, so that every instance computes the same ticks whatever its JVM zone.
	 * @return the zone id, or empty
	 */
	String zone() default "";

}

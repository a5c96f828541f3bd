package io.zkworkflow.config;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a bean method taking one {@link ZkConfigChangeEvent} to be called after every accepted
 * change of a key that starts with one of {@link #prefixes()}. Listeners run off the apply
 * thread, each with a timeout, so a slow listener delays neither the others nor the values.
 *
 * <pre class="code">
 * &#64;ZkConfigListener(prefixes = "pricing.")
 * void onPricingChange(ZkConfigChangeEvent event) { ... }
 * </pre>
 */
@Target(ElementType.METHOD)
@Retention(RetentionPolicy.RUNTIME)
@Documented
public @interface ZkConfigListener {

	/**
	 * Key prefixes to listen to; empty means every key.
	 * @return the prefixes
	 */
	String[] prefixes() default {};

}

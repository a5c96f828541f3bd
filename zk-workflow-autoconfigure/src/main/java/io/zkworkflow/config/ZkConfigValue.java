package io.zkworkflow.config;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.springframework.core.annotation.AliasFor;

/**
 * Binds a field, a single-argument method or a {@link ZkValue} field to one configuration key
 * kept in ZooKeeper, and keeps it up to date. Every new value is converted and validated
 * first; a value that fails is never applied and the last good value stays.
 *
 * <pre class="code">
 * &#64;ZkConfigValue(key = "pricing.discount-rate", defaultValue = "0.05")
 * private volatile double discountRate;
 * </pre>
 *
 * Plain fields should be {@code volatile} (a startup warning names those that are not), or use
 * {@link ZkValue}, which is always safely published.
 */
@Target({ ElementType.FIELD, ElementType.METHOD })
@Retention(RetentionPolicy.RUNTIME)
@Documented
public @interface ZkConfigValue {

	/** Marker for "no default value"; never a real value. */
	String NO_DEFAULT = "\n\t\t\n\u0000zk-workflow:no-default\n";

	/**
	 * Alias for {@link #key()}.
	 * @return the key
	 */
	@AliasFor("key")
	String value() default "";

	/**
	 * Property key such as {@code pricing.discount-rate}, looked up in the configuration
	 * contexts ({@code /config/application}, {@code /config/{app}}, ... later wins); or an
	 * absolute znode path such as {@code /legacy/feature-flags/checkout} for exactly one znode.
	 * @return the key
	 */
	@AliasFor("value")
	String key() default "";

	/**
	 * Value used when the key has no znode, and after its znode is deleted (see
	 * {@link #onDelete()}). Converted like a znode's value.
	 * @return the default value
	 */
	String defaultValue() default NO_DEFAULT;

	/**
	 * Whether startup fails when the key has no value in ZooKeeper (nor in the snapshot file) and
	 * no default. A required key's znode deletion is refused and the last value kept.
	 * @return whether a value is required
	 */
	boolean required() default false;

	/**
	 * How the znode's text is read.
	 * @return the format
	 */
	Format format() default Format.AUTO;

	/**
	 * What this injection point gets when a new value cannot be converted or fails validation.
	 * @return the policy
	 */
	OnInvalid onInvalid() default OnInvalid.KEEP_LAST_GOOD;

	/**
	 * What this injection point gets when the key's znode is deleted.
	 * @return the policy
	 */
	OnDelete onDelete() default OnDelete.USE_DEFAULT;

	/** How a znode's text is turned into the target type. */
	enum Format {

		/**
		 * JSON when the text starts with '{' or '[' or the target type has no Spring conversion
		 * from a String; otherwise Spring's {@code ConversionService}.
		 */
		AUTO,

		/** Spring's {@code ConversionService} (numbers, booleans, Duration, DataSize, enums, lists). */
		TEXT,

		/** JSON through the application's Jackson mapper (POJOs, generic types). */
		JSON

	}

	/** What to do with a value that fails conversion or validation. */
	enum OnInvalid {

		/** Keep the last good value (the default, or nothing at startup when there is none). */
		KEEP_LAST_GOOD,

		/** Fall back to {@link ZkConfigValue#defaultValue()}. */
		USE_DEFAULT,

		/**
		 * Fail startup when the value present at startup is invalid; at run time a bad value is
		 * refused as with {@link #KEEP_LAST_GOOD}, since a running application cannot fail.
		 */
		FAIL

	}

	/** What to do when the key's znode is deleted. */
	enum OnDelete {

		/** Restore {@link ZkConfigValue#defaultValue()} ({@code null} when there is none). */
		USE_DEFAULT,

		/** Keep the last value. */
		KEEP_LAST_GOOD

	}

}

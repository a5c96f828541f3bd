package io.zkworkflow.lock.internal;

import java.lang.reflect.Method;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

import org.jspecify.annotations.Nullable;

import org.springframework.util.ClassUtils;

/**
 * How a locked method returns, which decides when its lock is released and what SKIP returns.
 */
enum ReturnKind {

	VOID, VALUE, PRIMITIVE, OPTIONAL, COMPLETION_STAGE, MONO, FLUX;

	static final boolean REACTOR_PRESENT = ClassUtils.isPresent("reactor.core.publisher.Mono",
			ReturnKind.class.getClassLoader());

	static ReturnKind of(Method method) {
		Class<?> type = method.getReturnType();
		if (type == void.class || type == Void.class) {
			return VOID;
		}
		if (type.isPrimitive()) {
			return PRIMITIVE;
		}
		if (type == Optional.class) {
			return OPTIONAL;
		}
		if (CompletionStage.class.isAssignableFrom(type)) {
			return COMPLETION_STAGE;
		}
		if (REACTOR_PRESENT) {
			ReturnKind reactive = ReactorLocking.kindOf(type);
			if (reactive != null) {
				return reactive;
			}
		}
		return VALUE;
	}

	@Nullable Object skipValue() {
		return switch (this) {
			case VOID, VALUE, PRIMITIVE -> null;
			case OPTIONAL -> Optional.empty();
			case COMPLETION_STAGE -> CompletableFuture.completedFuture(null);
			case MONO, FLUX -> ReactorLocking.empty(this);
		};
	}

}

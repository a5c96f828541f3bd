package io.zkworkflow.reliability;

import java.lang.reflect.Method;
import java.util.Arrays;

/**
 * Entry point of every child JVM the harness starts: halts the child as soon as the test JVM
 * that started it is gone (even after a SIGKILL of the test JVM, when no shutdown hook runs),
 * then runs the real main class. Usage: {@code OrphanGuard <parent pid> <main class> [args...]}.
 */
public final class OrphanGuard {

	private OrphanGuard() {
	}

	public static void main(String[] args) throws Throwable {
		if (args.length < 2) {
			throw new IllegalArgumentException("Usage: OrphanGuard <parent pid> <main class> [args...]");
		}
		long parent = Long.parseLong(args[0]);
		ProcessHandle.of(parent)
			.ifPresentOrElse((handle) -> handle.onExit().thenRun(OrphanGuard::halt), OrphanGuard::halt);
		Method main = Class.forName(args[1]).getMethod("main", String[].class);
		main.invoke(null, (Object) Arrays.copyOfRange(args, 2, args.length));
	}

	private static void halt() {
		System.err.println("OrphanGuard: the test JVM is gone, halting");
		Runtime.getRuntime().halt(3);
	}

}

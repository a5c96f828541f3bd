package io.zkworkflow.lock.internal;

import java.lang.reflect.Method;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.Set;

import org.jspecify.annotations.Nullable;

import org.springframework.beans.factory.BeanFactory;
import org.springframework.context.expression.BeanFactoryResolver;
import org.springframework.context.expression.MethodBasedEvaluationContext;
import org.springframework.core.DefaultParameterNameDiscoverer;
import org.springframework.core.ParameterNameDiscoverer;
import org.springframework.expression.Expression;
import org.springframework.expression.ParseException;
import org.springframework.expression.spel.SpelNode;
import org.springframework.expression.spel.ast.VariableReference;
import org.springframework.expression.spel.standard.SpelExpression;
import org.springframework.expression.spel.standard.SpelExpressionParser;

/**
 * Parses lock key expressions at startup (checking that every {@code #variable} names a
 * parameter) and evaluates them per call, the way {@code @Cacheable} keys are evaluated.
 */
final class LockKeyResolver {

	private final SpelExpressionParser parser = new SpelExpressionParser();

	private final ParameterNameDiscoverer parameterNames = new DefaultParameterNameDiscoverer();

	private final @Nullable BeanFactory beanFactory;

	LockKeyResolver(@Nullable BeanFactory beanFactory) {
		this.beanFactory = beanFactory;
	}

	/**
	 * Parse a key expression.
	 * @return the expression
	 * @throws IllegalArgumentException naming the problem
	 */
	Expression parse(String source, Method method) {
		Expression expression;
		try {
			expression = this.parser.parseExpression(source);
		}
		catch (ParseException ex) {
			throw new IllegalArgumentException("key '" + source + "' is not a valid SpEL expression: "
					+ ex.getSimpleMessage() + " (at position " + ex.getPosition() + ")");
		}
		checkVariables(source, method, ((SpelExpression) expression).getAST());
		return expression;
	}

	private void checkVariables(String source, Method method, SpelNode ast) {
		Set<String> used = new LinkedHashSet<>();
		collectVariables(ast, used);
		String[] names = this.parameterNames.getParameterNames(method);
		int count = method.getParameterCount();
		for (String variable : used) {
			if (variable.equals("root") || variable.equals("this")) {
				continue;
			}
			if (variable.matches("[pa]\\d+")) {
				int index = Integer.parseInt(variable.substring(1));
				if (index >= count) {
					throw new IllegalArgumentException("key '" + source + "': #" + variable + " refers to parameter "
							+ index + " but the method has " + count + " parameter(s)");
				}
				continue;
			}
			if (names != null && !Arrays.asList(names).contains(variable)) {
				throw new IllegalArgumentException("key '" + source + "': no parameter named '" + variable
						+ "'; parameters are " + Arrays.toString(names));
			}
		}
	}

	private static void collectVariables(SpelNode node, Set<String> names) {
		if (node instanceof VariableReference) {
			names.add(node.toStringAST().substring(1));
		}
		for (int i = 0; i < node.getChildCount(); i++) {
			collectVariables(node.getChild(i), names);
		}
	}

	/**
	 * Evaluate a key for one call.
	 * @return the key, never blank
	 * @throws IllegalArgumentException when the key is null or blank
	 */
	String resolve(Expression expression, String where, Method method, Object[] args, Object target,
			Class<?> targetClass) {
		LockExpressionRoot root = new LockExpressionRoot(method, args, target, targetClass);
		MethodBasedEvaluationContext context = new MethodBasedEvaluationContext(root, method, args,
				this.parameterNames);
		if (this.beanFactory != null) {
			context.setBeanResolver(new BeanFactoryResolver(this.beanFactory));
		}
		Object value = expression.getValue(context);
		String key = (value != null) ? value.toString() : null;
		if (key == null || key.isBlank()) {
			throw new IllegalArgumentException("@DistributedLocked key '" + expression.getExpressionString() + "' on "
					+ where + " evaluated to " + ((key == null) ? "null" : "a blank string")
					+ "; a lock key must have a value (remove key = ... for one lock per name)");
		}
		return key;
	}

}

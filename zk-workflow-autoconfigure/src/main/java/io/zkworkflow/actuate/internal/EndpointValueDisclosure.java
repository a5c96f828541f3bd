package io.zkworkflow.actuate.internal;

import java.util.List;
import java.util.Set;

import io.zkworkflow.internal.ValueDisclosure;

import org.springframework.boot.actuate.endpoint.SanitizableData;
import org.springframework.boot.actuate.endpoint.Sanitizer;
import org.springframework.boot.actuate.endpoint.SanitizingFunction;
import org.springframework.boot.actuate.endpoint.SecurityContext;
import org.springframework.boot.actuate.endpoint.Show;

/**
 * Decides, per request, what the endpoint shows of configuration values, as Spring Boot's
 * {@code /env} endpoint does: nothing unless {@code show-values} lets the caller see them,
 * and then what the application's {@link SanitizingFunction} beans leave.
 */
public final class EndpointValueDisclosure {

	private final Show showValues;

	private final Set<String> roles;

	private final Sanitizer sanitizer;

	public EndpointValueDisclosure(Show showValues, Set<String> roles, List<SanitizingFunction> functions) {
		this.showValues = showValues;
		this.roles = Set.copyOf(roles);
		this.sanitizer = new Sanitizer(functions);
	}

	/**
	 * Return what the caller may see of values.
	 * @param caller the caller's security context
	 * @return the disclosure to hand the sections
	 */
	public ValueDisclosure forCaller(SecurityContext caller) {
		boolean shown = this.showValues.isShown(caller, this.roles);
		if (!shown) {
			return ValueDisclosure.NONE;
		}
		return (key, value) -> {
			if (value == null) {
				return null;
			}
			Object sanitized = this.sanitizer.sanitize(new SanitizableData(null, key, value), true);
			return (sanitized != null) ? sanitized.toString() : null;
		};
	}

}

package io.zkworkflow.internal;

import org.jspecify.annotations.Nullable;

import org.springframework.boot.actuate.endpoint.SecurityContext;

/**
 * Decides whether a caller may run write operations: Spring Boot's access model must allow them
 * ({@code management.endpoint.zkworkflow.access=unrestricted}) and, when the application uses
 * Spring Security, the caller must be authenticated and hold the configured role.
 */
public class AdminOperationsPolicy {

	private final boolean enabled;

	private final boolean securityPresent;

	private final String role;

	public AdminOperationsPolicy(boolean enabled, boolean securityPresent, String role) {
		this.enabled = enabled;
		this.securityPresent = securityPresent;
		this.role = role;
	}

	/**
	 * Return why the caller may not write, or {@code null} when it may.
	 * @param context the caller's security context
	 * @return the reason for refusal, or {@code null}
	 */
	public @Nullable String refusal(SecurityContext context) {
		if (!this.enabled) {
			return "Write operations are disabled; set management.endpoint.zkworkflow.access=unrestricted "
					+ "to enable them";
		}
		if (this.securityPresent && (context.getPrincipal() == null || !context.isUserInRole(this.role))) {
			return "Write operations need an authenticated user with role '" + this.role
					+ "' (zk-workflow.actuator.write-role)";
		}
		return null;
	}

	/**
	 * Whether write operations are enabled at all.
	 * @return {@code true} when enabled
	 */
	public boolean isEnabled() {
		return this.enabled;
	}

	/**
	 * Return the role a caller needs when Spring Security is present.
	 * @return the role
	 */
	public String getRole() {
		return this.role;
	}

}

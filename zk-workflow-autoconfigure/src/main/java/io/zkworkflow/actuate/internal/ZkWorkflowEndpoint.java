package io.zkworkflow.actuate.internal;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.zkworkflow.internal.AdminOperation;
import io.zkworkflow.internal.AdminOperationsPolicy;
import io.zkworkflow.internal.InputText;
import io.zkworkflow.internal.ListingOperation;
import io.zkworkflow.internal.StatusSection;
import io.zkworkflow.internal.ValueDisclosure;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.actuate.endpoint.Access;
import org.springframework.boot.actuate.endpoint.SecurityContext;
import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.actuate.endpoint.annotation.ReadOperation;
import org.springframework.boot.actuate.endpoint.annotation.Selector;
import org.springframework.boot.actuate.endpoint.annotation.WriteOperation;
import org.springframework.boot.actuate.endpoint.web.WebEndpointResponse;

/**
 * The {@code zkworkflow} actuator endpoint: one JSON document with a section per capability
 * (locks, config, tasks, workflows, ...), each read from a {@link StatusSection} bean, and
 * the write operations of {@link AdminOperation} beans, when the {@link AdminOperationsPolicy}
 * allows them, and the paged listings of {@link ListingOperation} beans.
 */
@Endpoint(id = ZkWorkflowEndpoint.ID, defaultAccess = Access.READ_ONLY)
public class ZkWorkflowEndpoint {

	/** The endpoint's id. */
	public static final String ID = "zkworkflow";

	/**
	 * Access unless {@code management.endpoint.zkworkflow.access} says otherwise: the write
	 * operations change tasks, so they are off until an application turns them on.
	 */
	public static final Access DEFAULT_ACCESS = Access.READ_ONLY;

	private static final int STATUS_FORBIDDEN = 403;

	/** Longest id or key argument accepted: longer ones are refused before any operation runs. */
	static final int MAX_ARGUMENT_LENGTH = 1024;

	private final List<StatusSection> sections;

	private final List<AdminOperation> operations;

	private final AdminOperationsPolicy policy;

	private final EndpointValueDisclosure disclosure;

	private final List<ListingOperation> listings;

	public ZkWorkflowEndpoint(List<StatusSection> sections, List<AdminOperation> operations,
			AdminOperationsPolicy policy, EndpointValueDisclosure disclosure) {
		this(sections, operations, policy, disclosure, List.of());
	}

	public ZkWorkflowEndpoint(List<StatusSection> sections, List<AdminOperation> operations,
			AdminOperationsPolicy policy, EndpointValueDisclosure disclosure, List<ListingOperation> listings) {
		this.sections = sections;
		this.operations = operations;
		this.policy = policy;
		this.disclosure = disclosure;
		this.listings = listings;
	}

	/**
	 * Return every section.
	 * @param securityContext the caller, who may or may not see configuration values
	 * @return section name to snapshot
	 */
	@ReadOperation
	public Map<String, Object> all(SecurityContext securityContext) {
		ValueDisclosure values = this.disclosure.forCaller(securityContext);
		Map<String, Object> result = new LinkedHashMap<>();
		for (StatusSection section : this.sections) {
			result.put(section.sectionName(), section.snapshot(values));
		}
		return result;
	}

	/**
	 * Return one section, or {@code null} (404) when no section has that name.
	 * @param securityContext the caller, who may or may not see configuration values
	 * @param section the section name
	 * @return the section's snapshot
	 */
	@ReadOperation
	public @Nullable Object section(SecurityContext securityContext, @Selector String section) {
		for (StatusSection candidate : this.sections) {
			if (candidate.sectionName().equals(section)) {
				return candidate.snapshot(this.disclosure.forCaller(securityContext));
			}
		}
		return null;
	}

	/**
	 * List one page of a section's objects, such as
	 * {@code GET /actuator/zkworkflow/tasks/list?name=send-invoice&state=DEAD,FAILED&size=50},
	 * continued with {@code &cursor=} the previous page's {@code nextCursor}.
	 * @param section the section ({@code tasks} or {@code workflows})
	 * @param operation the read operation, {@code list}
	 * @param name the task name or workflow definition
	 * @param state comma-separated states, if any
	 * @param cursor the previous page's {@code nextCursor}, if any
	 * @param size the page size, if not the default
	 * @return the page, or an error with status 404 or 400
	 */
	@ReadOperation
	public WebEndpointResponse<Object> list(@Selector String section, @Selector String operation,
			@Nullable String name, @Nullable String state, @Nullable String cursor, @Nullable String size) {
		String tooLong = tooLong("name", name);
		if (tooLong == null) {
			tooLong = tooLong("state", state);
		}
		if (tooLong == null) {
			tooLong = tooLong("cursor", cursor);
		}
		if (tooLong == null) {
			tooLong = tooLong("size", size);
		}
		if (tooLong != null) {
			return new WebEndpointResponse<>(Map.of("error", tooLong), WebEndpointResponse.STATUS_BAD_REQUEST);
		}
		for (ListingOperation candidate : this.listings) {
			if (candidate.section().equals(section) && "list".equals(operation)) {
				Map<String, String> arguments = new LinkedHashMap<>();
				putIfPresent(arguments, "name", name);
				putIfPresent(arguments, "state", state);
				putIfPresent(arguments, "cursor", cursor);
				putIfPresent(arguments, "size", size);
				try {
					return new WebEndpointResponse<>(candidate.list(arguments));
				}
				catch (IllegalArgumentException | IllegalStateException ex) {
					return new WebEndpointResponse<>(Map.of("error", String.valueOf(ex.getMessage())),
							WebEndpointResponse.STATUS_BAD_REQUEST);
				}
			}
		}
		return new WebEndpointResponse<>(Map.of("error", "No read operation " + InputText.quote(operation)
				+ " in section " + InputText.quote(section) + "; available: "
				+ this.listings.stream().map((listing) -> listing.section() + "/list").toList()),
				WebEndpointResponse.STATUS_NOT_FOUND);
	}

	/**
	 * Run a write operation, such as {@code POST /actuator/zkworkflow/tasks/retry} with a JSON
	 * body {@code {"id": "..."}}.
	 * @param securityContext the caller
	 * @param section the section the operation belongs to
	 * @param operation the operation's name
	 * @param id the id argument (task, workflow or dead letter), if any
	 * @param key the key argument (config key), if any
	 * @param value the value argument (config value), if any
	 * @return the operation's result, or an error with status 403, 404 or 400
	 */
	@WriteOperation
	public WebEndpointResponse<Object> operate(SecurityContext securityContext, @Selector String section,
			@Selector String operation, @Nullable String id, @Nullable String key, @Nullable String value) {
		String refusal = this.policy.refusal(securityContext);
		if (refusal != null) {
			return new WebEndpointResponse<>(Map.of("error", refusal), STATUS_FORBIDDEN);
		}
		String tooLong = tooLong("id", id);
		if (tooLong == null) {
			tooLong = tooLong("key", key);
		}
		if (tooLong != null) {
			return new WebEndpointResponse<>(Map.of("error", tooLong), WebEndpointResponse.STATUS_BAD_REQUEST);
		}
		for (AdminOperation candidate : this.operations) {
			if (candidate.section().equals(section) && candidate.name().equals(operation)) {
				Map<String, String> arguments = new LinkedHashMap<>();
				putIfPresent(arguments, "id", id);
				putIfPresent(arguments, "key", key);
				putIfPresent(arguments, "value", value);
				try {
					return new WebEndpointResponse<>(candidate.invoke(arguments));
				}
				catch (IllegalArgumentException | IllegalStateException ex) {
					return new WebEndpointResponse<>(Map.of("error", String.valueOf(ex.getMessage())),
							WebEndpointResponse.STATUS_BAD_REQUEST);
				}
			}
		}
		return new WebEndpointResponse<>(Map.of("error", "No operation " + InputText.quote(operation) + " in section "
				+ InputText.quote(section) + "; available: " + this.operations.stream().map((op) -> op.section() + "/" + op.name()).toList()),
				WebEndpointResponse.STATUS_NOT_FOUND);
	}

	private static @Nullable String tooLong(String name, @Nullable String argument) {
		if (argument == null || argument.length() <= MAX_ARGUMENT_LENGTH) {
			return null;
		}
		return "The " + name + " " + InputText.quote(argument) + " is longer than " + MAX_ARGUMENT_LENGTH
				+ " characters; no id, key, name, state or cursor of zk-workflow is";
	}

	private static void putIfPresent(Map<String, String> arguments, String name, @Nullable String value) {
		if (value != null) {
			arguments.put(name, value);
		}
	}

}

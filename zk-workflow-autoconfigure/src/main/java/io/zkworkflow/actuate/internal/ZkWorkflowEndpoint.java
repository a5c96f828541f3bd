package io.zkworkflow.actuate.internal;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.zkworkflow.internal.AdminOperation;
import io.zkworkflow.internal.AdminOperationsPolicy;
import io.zkworkflow.internal.InputText;
import io.zkworkflow.internal.ListingOperation;
import io.zkworkflow.internal.StatusSection;
import io.zkworkflow.internal.StatusView;
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
 * allows them. Reads too large for a section ({@link StatusView} beans) are served at
 * {@code GET /actuator/zkworkflow/{section}/{view}?id=...}, and the paged listings of
 * {@link ListingOperation} beans at {@code GET /actuator/zkworkflow/{section}/list?name=...}.
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

	/** Most ids one bulk operation takes: a larger selection is sent in several requests. */
	static final int MAX_IDS = 500;

	private final List<StatusSection> sections;

	private final List<StatusView> views;

	private final List<AdminOperation> operations;

	private final AdminOperationsPolicy policy;

	private final EndpointValueDisclosure disclosure;

	private final EndpointListings listings;

	public ZkWorkflowEndpoint(List<StatusSection> sections, List<AdminOperation> operations,
			AdminOperationsPolicy policy, EndpointValueDisclosure disclosure) {
		this(sections, List.of(), operations, policy, disclosure, List.of());
	}

	public ZkWorkflowEndpoint(List<StatusSection> sections, List<StatusView> views, List<AdminOperation> operations,
			AdminOperationsPolicy policy, EndpointValueDisclosure disclosure, List<ListingOperation> listings) {
		this.sections = sections;
		this.listings = new EndpointListings(listings);
		this.views = views;
		this.operations = operations;
		this.policy = policy;
		this.disclosure = disclosure;
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
	 * Read a view ({@code GET /actuator/zkworkflow/tasks/task?id=orders/abc}) or a page of a
	 * listing ({@code GET /actuator/zkworkflow/tasks/list?name=send-invoice&state=DEAD&size=50},
	 * continued with {@code &cursor=} the previous page's {@code nextCursor}).
	 * @param securityContext the caller, who may or may not see configuration values
	 * @param section the section
	 * @param view the view's name, or {@code list}
	 * @param id the id argument of a view, if any
	 * @param name the task name or workflow definition of a listing
	 * @param state comma-separated states of a listing, if any
	 * @param cursor the previous page's {@code nextCursor}, if any
	 * @param size the page size, if not the default
	 * @return the data, or an error with status 404 or 400
	 */
	@ReadOperation
	public WebEndpointResponse<Object> read(SecurityContext securityContext, @Selector String section,
			@Selector String view, @Nullable String id, @Nullable String name, @Nullable String state,
			@Nullable String cursor, @Nullable String size) {
		if ("list".equals(view)) {
			return this.listings.list(section, name, state, cursor, size);
		}
		return view(securityContext, section, view, id);
	}

	/**
	 * List one page of a section's objects.
	 * @param section the section ({@code tasks} or {@code workflows})
	 * @param operation the read operation, {@code list}
	 * @param name the task name or workflow definition
	 * @param state comma-separated states, if any
	 * @param cursor the previous page's {@code nextCursor}, if any
	 * @param size the page size, if not the default
	 * @return the page, or an error with status 404 or 400
	 */
	public WebEndpointResponse<Object> list(String section, String operation, @Nullable String name,
			@Nullable String state, @Nullable String cursor, @Nullable String size) {
		return read(SecurityContext.NONE, section, operation, null, name, state, cursor, size);
	}

	/**
	 * Read a view, such as {@code GET /actuator/zkworkflow/tasks/task?id=orders/abc}.
	 * @param securityContext the caller, who may or may not see configuration values
	 * @param section the section the view belongs to
	 * @param view the view's name
	 * @param id the id argument, if any
	 * @return the view's data, or an error with status 404 or 400
	 */
	public WebEndpointResponse<Object> view(SecurityContext securityContext, String section, String view,
			@Nullable String id) {
		String tooLong = tooLong("id", id);
		if (tooLong != null) {
			return new WebEndpointResponse<>(Map.of("error", tooLong), WebEndpointResponse.STATUS_BAD_REQUEST);
		}
		for (StatusView candidate : this.views) {
			if (candidate.section().equals(section) && candidate.name().equals(view)) {
				try {
					Object data = candidate.read(id, this.disclosure.forCaller(securityContext));
					if (data == null) {
						return new WebEndpointResponse<>(Map.of("error", "Nothing in " + section + "/" + view
								+ " has the id " + InputText.quote(String.valueOf(id))), WebEndpointResponse.STATUS_NOT_FOUND);
					}
					return new WebEndpointResponse<>(data);
				}
				catch (IllegalArgumentException | IllegalStateException ex) {
					return new WebEndpointResponse<>(Map.of("error", String.valueOf(ex.getMessage())),
							WebEndpointResponse.STATUS_BAD_REQUEST);
				}
			}
		}
		return new WebEndpointResponse<>(Map.of("error", "No view " + InputText.quote(view) + " in section "
				+ InputText.quote(section) + "; available: " + this.views.stream().map((v) -> v.section() + "/" + v.name()).toList()),
				WebEndpointResponse.STATUS_NOT_FOUND);
	}

	/**
	 * Run a write operation without a list of ids.
	 * @param securityContext the caller
	 * @param section the section the operation belongs to
	 * @param operation the operation's name
	 * @param id the id argument, if any
	 * @param key the key argument, if any
	 * @param value the value argument, if any
	 * @return the operation's result, or an error with status 403, 404 or 400
	 */
	public WebEndpointResponse<Object> operate(SecurityContext securityContext, String section, String operation,
			@Nullable String id, @Nullable String key, @Nullable String value) {
		return operate(securityContext, section, operation, id, key, value, null);
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
	 * @param ids the ids of a bulk operation, one per line ({@code "ids": "orders/abc\norders/def"}:
	 * the endpoint takes string arguments only, and no id holds a control character), at most
	 * {@value #MAX_IDS}, if any
	 * @return the operation's result, or an error with status 403, 404 or 400
	 */
	@WriteOperation
	public WebEndpointResponse<Object> operate(SecurityContext securityContext, @Selector String section,
			@Selector String operation, @Nullable String id, @Nullable String key, @Nullable String value,
			@Nullable String ids) {
		String refusal = this.policy.refusal(securityContext);
		if (refusal != null) {
			return new WebEndpointResponse<>(Map.of("error", refusal), STATUS_FORBIDDEN);
		}
		String tooLong = tooLong("id", id);
		if (tooLong == null) {
			tooLong = tooLong("key", key);
		}
		List<String> idList = new ArrayList<>();
		if (tooLong == null && ids != null) {
			tooLong = checkIds(ids, idList);
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
					return new WebEndpointResponse<>(candidate.invoke(arguments, idList));
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

	static @Nullable String tooLong(String name, @Nullable String argument) {
		if (argument == null || argument.length() <= MAX_ARGUMENT_LENGTH) {
			return null;
		}
		return "The " + name + " " + InputText.quote(argument) + " is longer than " + MAX_ARGUMENT_LENGTH
				+ " characters; no id, key, name, state or cursor of zk-workflow is";
	}

	/** Split {@code ids} into {@code into}, or say why the list is refused; length first, before any split. */
	private static @Nullable String checkIds(String ids, List<String> into) {
		if (ids.length() > MAX_IDS * (MAX_ARGUMENT_LENGTH + 1)) {
			return "The ids " + InputText.quote(ids) + " are longer than " + MAX_IDS + " ids of " + MAX_ARGUMENT_LENGTH
					+ " characters; send the selection in several requests";
		}
		List<String> lines = ids.lines().map(String::strip).filter((line) -> !line.isEmpty()).toList();
		if (lines.size() > MAX_IDS) {
			return "The request names " + lines.size() + " ids; at most " + MAX_IDS
					+ " are taken at once: send the selection in several requests";
		}
		for (String id : lines) {
			String tooLong = tooLong("id", id);
			if (tooLong != null) {
				return tooLong;
			}
			into.add(id);
		}
		return null;
	}

	private static void putIfPresent(Map<String, String> arguments, String name, @Nullable String value) {
		if (value != null) {
			arguments.put(name, value);
		}
	}

}

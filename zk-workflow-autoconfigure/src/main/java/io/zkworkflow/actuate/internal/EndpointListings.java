package io.zkworkflow.actuate.internal;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.zkworkflow.internal.InputText;
import io.zkworkflow.internal.ListingOperation;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.actuate.endpoint.web.WebEndpointResponse;

/**
 * The endpoint's paged listings ({@code tasks/list}, {@code workflows/list}): checks the
 * lengths of the arguments before any listing runs and turns a refused query into a 400.
 */
final class EndpointListings {

	private final List<ListingOperation> listings;

	EndpointListings(List<ListingOperation> listings) {
		this.listings = listings;
	}

	WebEndpointResponse<Object> list(String section, @Nullable String name, @Nullable String state,
			@Nullable String cursor, @Nullable String size) {
		Map<String, String> arguments = new LinkedHashMap<>();
		putIfPresent(arguments, "name", name);
		putIfPresent(arguments, "state", state);
		putIfPresent(arguments, "cursor", cursor);
		putIfPresent(arguments, "size", size);
		for (Map.Entry<String, String> argument : arguments.entrySet()) {
			String tooLong = ZkWorkflowEndpoint.tooLong(argument.getKey(), argument.getValue());
			if (tooLong != null) {
				return new WebEndpointResponse<>(Map.of("error", tooLong), WebEndpointResponse.STATUS_BAD_REQUEST);
			}
		}
		for (ListingOperation candidate : this.listings) {
			if (candidate.section().equals(section)) {
				try {
					return new WebEndpointResponse<>(candidate.list(arguments));
				}
				catch (IllegalArgumentException | IllegalStateException ex) {
					return new WebEndpointResponse<>(Map.of("error", String.valueOf(ex.getMessage())),
							WebEndpointResponse.STATUS_BAD_REQUEST);
				}
			}
		}
		return new WebEndpointResponse<>(Map.of("error", "No read operation 'list' in section "
				+ InputText.quote(section) + "; available: "
				+ this.listings.stream().map((listing) -> listing.section() + "/list").toList()),
				WebEndpointResponse.STATUS_NOT_FOUND);
	}

	private static void putIfPresent(Map<String, String> arguments, String name, @Nullable String value) {
		if (value != null) {
			arguments.put(name, value);
		}
	}

}

package io.zkworkflow.internal;

import java.util.function.Function;

import org.jspecify.annotations.Nullable;

/**
 * A read of the {@code zkworkflow} actuator endpoint that is too costly or too large for its
 * section's snapshot: one task with its payload and attempts, one workflow with its outputs,
 * the per-minute throughput. Served at {@code GET /actuator/zkworkflow/{section}/{view}}, with
 * an optional {@code ?id=} argument.
 */
public interface StatusView {

	/**
	 * Return the section the view belongs to ({@code tasks}, {@code workflows}, {@code locks}).
	 * @return the section name
	 */
	String section();

	/**
	 * Return the view's name within its section, such as {@code task} or {@code throughput}.
	 * @return the view name
	 */
	String name();

	/**
	 * Read the view.
	 * @param id the {@code id} argument, or {@code null} when the request had none
	 * @param disclosure what the caller may see of configuration values
	 * @return JSON-friendly data, or {@code null} (404) when {@code id} names nothing
	 * @throws IllegalArgumentException when the id is missing or malformed; the message is
	 * returned to the caller with status 400
	 */
	@Nullable Object read(@Nullable String id, ValueDisclosure disclosure);

	/**
	 * Return a view of one object named by its {@code id} argument.
	 * @param section the section
	 * @param name the view's name
	 * @param what what the id names, for the message when it is missing ({@code the task id})
	 * @param example an example id, for the same message
	 * @param reader reads the object; returns {@code null} when there is none
	 * @return the view
	 */
	static StatusView onId(String section, String name, String what, String example,
			Function<String, @Nullable Object> reader) {
		return new StatusView() {
			@Override
			public String section() {
				return section;
			}

			@Override
			public String name() {
				return name;
			}

			@Override
			public @Nullable Object read(@Nullable String id, ValueDisclosure disclosure) {
				if (id == null || id.isBlank()) {
					throw new IllegalArgumentException(section + "/" + name + " needs " + what + ", as ?id=" + example);
				}
				return reader.apply(id);
			}
		};
	}

}

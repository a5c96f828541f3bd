package io.zkworkflow.internal;

/**
 * The use of an {@link EphemeralBudget}.
 *
 * @param count ephemeral znodes counted now
 * @param maxCount most allowed ({@code Long.MAX_VALUE}: no count limit)
 * @param bytes size of the close-session record they make
 * @param maxBytes most allowed
 */
public record EphemeralUsage(long count, long maxCount, long bytes, long maxBytes) {

	@Override
	public String toString() {
		return this.bytes + " of " + this.maxBytes + " bytes, " + this.count + " of " + describeMax(this.maxCount)
				+ " nodes";
	}

	static String describeMax(long maxCount) {
		return (maxCount == Long.MAX_VALUE) ? "unlimited" : Long.toString(maxCount);
	}

}

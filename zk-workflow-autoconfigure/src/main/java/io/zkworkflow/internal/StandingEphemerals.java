package io.zkworkflow.internal;

import java.util.ArrayList;
import java.util.List;

/**
 * The ephemeral nodes a recipe keeps for this instance in every session (the member node, the
 * discovery registration), counted in the {@link EphemeralBudget} from start to close.
 */
public final class StandingEphemerals implements AutoCloseable {

	private final EphemeralBudget budget;

	private final List<EphemeralReservation> reservations = new ArrayList<>();

	public StandingEphemerals(EphemeralBudget budget) {
		this.budget = budget;
	}

	/**
	 * Count one node until {@link #close()}.
	 * @param path its full path (after the client's namespace)
	 * @return this
	 */
	public synchronized StandingEphemerals add(String path) {
		this.reservations.add(this.budget.reserveStanding(path));
		return this;
	}

	@Override
	public synchronized void close() {
		this.reservations.forEach(EphemeralReservation::release);
		this.reservations.clear();
	}

}

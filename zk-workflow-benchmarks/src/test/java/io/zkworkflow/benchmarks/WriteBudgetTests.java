package io.zkworkflow.benchmarks;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class WriteBudgetTests {

	@Test
	void idleTransactionsAreTakenOffBeforeDividing() {
		// 2,000 transactions in 4 s, of which 10/s the deployment writes anyway: 1,960 for 980 ops
		assertThat(WriteBudget.perOperation(2_000, 10, 4, 980)).isEqualTo(2.0);
	}

	@Test
	void moreIdleThanCountedGivesZeroNotANegativeCost() {
		assertThat(WriteBudget.perOperation(5, 10, 1, 3)).isZero();
	}

	@Test
	void nothingRunOrNothingCountedGivesNoFigure() {
		assertThat(WriteBudget.perOperation(100, 0, 1, 0)).isNaN();
		assertThat(WriteBudget.perOperation(-1, 0, 1, 10)).isNaN();
	}

	@Test
	void theCeilingDividedByTheCostIsTheAllowedRate() {
		assertThat(WriteBudget.allowedRate(12_000, 3)).isEqualTo(4_000);
		assertThat(WriteBudget.allowedRate(12_000, 0)).isInfinite();
	}

	@Test
	void reachIsTheMeasuredRateOverTheAllowedOne() {
		assertThat(WriteBudget.reach(3_600, 12_000, 3)).isCloseTo(0.9, within(1e-9));
		assertThat(WriteBudget.reach(100, 12_000, 0)).isZero();
	}

	@Test
	void theNoteNamesTheCostTheCeilingAndTheReach() {
		WriteBudget.ceilingMeasured(12_000);
		assertThat(WriteBudget.describe(3, 3_600))
			.isEqualTo("3.00 transactions per op; the ceiling (12,000 tx/s) allows 4,000 op/s, reached 0.90x");
	}

}

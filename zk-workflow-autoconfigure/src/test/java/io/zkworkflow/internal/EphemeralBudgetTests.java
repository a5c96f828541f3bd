package io.zkworkflow.internal;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * The accounting of {@link EphemeralBudget}; the ensemble tests show what it protects.
 */
class EphemeralBudgetTests {

	private static final long SESSION = 0x1001L;

	@Test
	void sizeOfAPathIsItsUtf8BytesPlusTheLengthPrefix() {
		assertThat(EphemeralBudget.sizeOf("/a")).isEqualTo(6);
		assertThat(EphemeralBudget.sizeOf("/\u00e9")).isEqualTo(4 + 3);
	}

	@Test
	void defaultIsHalfOfZooKeepersDefaultRecordLimit() {
		assertThat(System.getProperty(EphemeralBudget.JUTE_MAXBUFFER)).isNull();
		assertThat(EphemeralBudget.defaultMaxBytes()).isEqualTo(0xfffff / 2);
	}

	@Test
	void reservationsPastTheBytesAreRefusedAndReleasingMakesRoom() {
		EphemeralBudget budget = new EphemeralBudget(4 + 3 * 10, Long.MAX_VALUE);
		EphemeralReservation first = budget.tryReserve(SESSION, 10);
		assertThat(budget.tryReserve(SESSION, 10)).isNotNull();
		assertThat(budget.tryReserve(SESSION, 10)).isNotNull();
		assertThat(budget.tryReserve(SESSION, 10)).isNull();
		assertThat(budget.usage().count()).isEqualTo(3);
		assertThat(budget.usage().bytes()).isEqualTo(34);
		first.release();
		first.release();
		assertThat(budget.usage().count()).isEqualTo(2);
		assertThat(budget.tryReserve(SESSION, 10)).isNotNull();
	}

	@Test
	void reservationsPastTheCountAreRefused() {
		EphemeralBudget budget = new EphemeralBudget(1_000, 2);
		budget.tryReserve(SESSION, 10);
		budget.tryReserve(SESSION, 10);
		assertThat(budget.tryReserve(SESSION, 10)).isNull();
	}

	@Test
	void aNewSessionStartsFromItsStandingNodesAndOldReleasesCountNothing() {
		EphemeralBudget budget = new EphemeralBudget(1_000, Long.MAX_VALUE);
		budget.reserveStanding("/members/a");
		EphemeralReservation old = budget.tryReserve(SESSION, 100);
		assertThat(budget.usage().count()).isEqualTo(2);
		EphemeralReservation fresh = budget.tryReserve(SESSION + 1, 50);
		assertThat(budget.usage().count()).isEqualTo(2);
		assertThat(budget.usage().bytes()).isEqualTo(4 + EphemeralBudget.sizeOf("/members/a") + 50);
		old.release();
		assertThat(budget.usage().count()).isEqualTo(2);
		assertThat(budget.tryReserve(SESSION, 100)).as("a reservation for the ended session counts nothing")
			.isNotNull();
		assertThat(budget.usage().count()).isEqualTo(2);
		fresh.release();
		assertThat(budget.usage().count()).isEqualTo(1);
	}

	@Test
	void standingNodesAreNeverRefused() {
		EphemeralBudget budget = new EphemeralBudget(10, 1);
		budget.reserveStanding("/a-rather-long-member-path");
		budget.reserveStanding("/another");
		assertThat(budget.usage().count()).isEqualTo(2);
		assertThat(budget.tryReserve(SESSION, 1)).isNull();
	}

	@Test
	void refusalNamesTheUseTheBudgetAndHowToRaiseIt() {
		EphemeralBudget budget = new EphemeralBudget(100, 5);
		budget.tryReserve(SESSION, 40);
		assertThat(budget.refusal(80)).contains("44 of 100 bytes", "1 of 5 nodes", "needs 80 bytes",
				"zk-workflow.ephemeral-budget.max-bytes", "jute.maxbuffer on every ZooKeeper server and client");
	}

	@Test
	void aBudgetTooSmallForOneNodeIsRejected() {
		assertThatIllegalArgumentException().isThrownBy(() -> new EphemeralBudget(4, 1))
			.withMessageContaining("more than 4 bytes");
	}

}

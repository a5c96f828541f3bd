package io.zkworkflow.task.internal;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * The permit counting of a fleet-wide rate limit, and how a rate is written.
 */
class RateWindowTests {

	private static final int SLICES = RateWindow.SLICES;

	@Test
	void grantsTheLimitThenNamesTheSliceWhenTheOldestPermitLeaves() {
		RateWindow window = RateWindow.empty();
		for (int i = 0; i < 3; i++) {
			assertThat(window.take(100 + i, 3)).isEqualTo(-1);
		}
		// the permit of slice 100 leaves the window SLICES + 1 slices later
		assertThat(window.take(110, 3)).isEqualTo(100 + SLICES + 1);
		assertThat(window.take(100 + SLICES, 3)).isEqualTo(100 + SLICES + 1);
		assertThat(window.take(100 + SLICES + 1, 3)).isEqualTo(-1);
	}

	@Test
	void noIntervalOfOnePeriodHoldsMoreThanTheLimitUnderConstantDemand() {
		RateWindow window = RateWindow.empty();
		List<Long> granted = new ArrayList<>();
		for (long slice = 0; slice < 50 * SLICES; slice++) {
			while (window.take(slice, 7) == -1) {
				granted.add(slice);
			}
		}
		// a period is SLICES slices: any interval of one period touches at most SLICES + 1 of them
		for (int i = 0; i + 7 < granted.size(); i++) {
			assertThat(granted.get(i + 7) - granted.get(i)).isGreaterThanOrEqualTo(SLICES + 1);
		}
		assertThat(granted.size()).isGreaterThanOrEqualTo(50 * 7 * SLICES / (SLICES + 1) - 7);
	}

	@Test
	void grantsSeveralPermitsAtOnceUpToWhatIsFree() {
		RateWindow window = RateWindow.empty();
		assertThat(window.take(10, 5, 3)).isEqualTo(3);
		assertThat(window.take(11, 5, 3)).isEqualTo(2);
		assertThat(window.take(12, 5, 3)).isZero();
		assertThat(window.freeSlice()).isEqualTo(10 + SLICES + 1);
	}

	@Test
	void aClockBehindCountsInTheNewestSliceInsteadOfGoingBack() {
		RateWindow window = RateWindow.empty();
		assertThat(window.take(500, 2)).isEqualTo(-1);
		assertThat(window.take(400, 2)).isEqualTo(-1);
		assertThat(window.take(450, 2)).isEqualTo(500 + SLICES + 1);
	}

	@Test
	void encodesAndDecodesItsCounts() {
		RateWindow window = RateWindow.empty();
		window.take(7, 10);
		window.take(9, 10);
		window.take(9, 10);
		RateWindow read = RateWindow.decode(window.encode());
		assertThat(new String(read.encode())).isEqualTo("9:2,0,1");
		assertThat(read.take(9, 3)).isEqualTo(7 + SLICES + 1);
	}

	@Test
	void unreadableDataReadsAsNoPermitsGranted() {
		assertThat(RateWindow.decode("garbage".getBytes()).take(3, 1)).isEqualTo(-1);
		assertThat(RateWindow.decode("x:1,2".getBytes()).take(3, 1)).isEqualTo(-1);
	}

	@Test
	void rateIsReadAsPermitsSlashPeriod() {
		assertThat(TaskRateLimit.parse("100/1m")).isEqualTo(new TaskRateLimit(100, Duration.ofMinutes(1)));
		assertThat(TaskRateLimit.parse(" 5 / PT1S ")).isEqualTo(new TaskRateLimit(5, Duration.ofSeconds(1)));
	}

	@Test
	void badRatesAreRefusedSayingWhatToWrite() {
		assertThatIllegalArgumentException().isThrownBy(() -> TaskRateLimit.parse("100"))
			.withMessageContaining("'100' has no '/'")
			.withMessageContaining("for example '100/1m'");
		assertThatIllegalArgumentException().isThrownBy(() -> TaskRateLimit.parse("many/1m"))
			.withMessageContaining("whole number of permits");
		assertThatIllegalArgumentException().isThrownBy(() -> TaskRateLimit.parse("5/soon"))
			.withMessageContaining("does not end with a duration");
		assertThatIllegalArgumentException().isThrownBy(() -> TaskRateLimit.parse("0/1m"))
			.withMessageContaining("permits 0 is out of range");
		assertThatIllegalArgumentException().isThrownBy(() -> TaskRateLimit.parse("5/100ms"))
			.withMessageContaining("period PT0.1S is out of range");
		assertThatIllegalArgumentException().isThrownBy(() -> TaskRateLimit.parse("x".repeat(5000)))
			.withMessageContaining("(5000 characters)");
	}

}

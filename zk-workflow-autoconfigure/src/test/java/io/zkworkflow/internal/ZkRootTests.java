package io.zkworkflow.internal;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class ZkRootTests {

	private final ZkRoot root = new ZkRoot("/zk-workflow");

	@Test
	void resolvesSegmentsBelowTheRoot() {
		assertThat(this.root.resolve("locks", "report")).isEqualTo("/zk-workflow/locks/report");
	}

	@Test
	void refusesSegmentsThatWouldLeaveTheRoot() {
		assertThatIllegalArgumentException().isThrownBy(() -> this.root.resolve(".."));
		assertThatIllegalArgumentException().isThrownBy(() -> this.root.resolve("a/b"));
		assertThatIllegalArgumentException().isThrownBy(() -> this.root.resolve(""));
	}

	@Test
	void containsOnlyItselfAndItsDescendants() {
		assertThat(this.root.contains("/zk-workflow")).isTrue();
		assertThat(this.root.contains("/zk-workflow/tasks")).isTrue();
		assertThat(this.root.contains("/zk-workflow-other")).isFalse();
		assertThat(this.root.contains("/services")).isFalse();
	}

	@Test
	void problemsSayHowToFixThem() {
		assertThat(ZkRoot.problemWith("zk")).contains("'/zk'");
		assertThat(ZkRoot.problemWith("/zk/")).contains("'/zk'");
		assertThat(ZkRoot.problemWith("/")).contains("dedicated");
		assertThat(ZkRoot.problemWith("/ok")).isNull();
	}

}

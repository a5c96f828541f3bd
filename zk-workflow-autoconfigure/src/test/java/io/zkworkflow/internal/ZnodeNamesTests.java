package io.zkworkflow.internal;

import org.apache.zookeeper.common.PathUtils;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class ZnodeNamesTests {

	@ParameterizedTest
	@ValueSource(strings = { "../../x", "a/b", "..", ".", "nul\0byte", "tab\tand\nnewline", "ünïcödé", "%41",
			"/leading", "trailing/", " " })
	void anyKeyBecomesOneValidZnodeName(String key) {
		String name = ZnodeNames.encodeKey(key);
		assertThat(name).doesNotContain("/").isNotEqualTo(".").isNotEqualTo("..");
		assertThat(name.chars()).allMatch((c) -> c > 0x20 && c < 0x7f);
		PathUtils.validatePath("/root/" + name);
	}

	@Test
	void plainKeysStayReadable() {
		assertThat(ZnodeNames.encodeKey("customer-42.eu_west")).isEqualTo("customer-42.eu_west");
	}

	@Test
	void distinctKeysStayDistinct() {
		assertThat(ZnodeNames.encodeKey("a/b")).isNotEqualTo(ZnodeNames.encodeKey("a%2Fb"));
		assertThat(ZnodeNames.encodeKey("x".repeat(10_000))).isNotEqualTo(ZnodeNames.encodeKey("x".repeat(10_001)));
	}

	@Test
	void longKeysAreHashedToABoundedName() {
		String name = ZnodeNames.encodeKey("k".repeat(10 * 1024));
		assertThat(name.length()).isLessThanOrEqualTo(ZnodeNames.MAX_LENGTH);
		assertThat(name).contains("~");
	}

	@Test
	void emptyKeyIsRejected() {
		assertThatIllegalArgumentException().isThrownBy(() -> ZnodeNames.encodeKey(""));
	}

	@ParameterizedTest
	@ValueSource(strings = { "", " ", "a/b", "..", "-leading-dash", "with space", "ctrl\u0001" })
	void unsafeDeclaredNamesAreExplained(String name) {
		assertThat(ZnodeNames.checkName(name)).isNotNull();
	}

	@Test
	void safeDeclaredNamesPass() {
		assertThat(ZnodeNames.checkName("send-invoice.v2_eu")).isNull();
		assertThat(ZnodeNames.checkName("x".repeat(201))).contains("at most 200");
	}

}

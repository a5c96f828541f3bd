package io.zkworkflow.config.internal;

import io.zkworkflow.autoconfigure.config.ConfigProperties;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The default words mask what commonly holds a secret, and leave alone keys that merely end
 * with "key", such as a cache key.
 */
class SensitiveKeysTests {

	private final SensitiveKeys keys = new SensitiveKeys(new ConfigProperties().getSensitiveKeys());

	@ParameterizedTest
	@ValueSource(strings = { "db.password", "db.pass", "spring.mail.pwd", "partner.apikeys", "partner.api-key",
			"tls.private-key-pem", "aws.access-key-id", "oauth.client-secret", "shop.api-token",
			"vault.credentials", "ssh.passphrase" })
	void masksKeysThatHoldSecrets(String key) {
		assertThat(this.keys.mask(key, "s3cret")).isEqualTo(SensitiveKeys.MASK);
	}

	@ParameterizedTest
	@ValueSource(strings = { "cache.key", "shop.sort-key", "pricing.discount-rate", "orders.partition-keys" })
	void leavesOtherKeysAlone(String key) {
		assertThat(this.keys.mask(key, "visible")).isEqualTo("visible");
	}

	@ParameterizedTest
	@ValueSource(strings = { "jdbc:postgresql://app:s3cret@db:5432/shop", "https://user:s3cret@example.com/path",
			"redis://:s3cret@cache:6379" })
	void masksThePasswordInsideAUrlOfAnyKey(String url) {
		String masked = this.keys.mask("orders.datasource-url", url);
		assertThat(masked).doesNotContain("s3cret").contains(":******@");
	}

	@ParameterizedTest
	@ValueSource(strings = { "jdbc:postgresql://db:5432/shop", "https://example.com/a:b@c" })
	void leavesUrlsWithoutPasswordsAlone(String url) {
		assertThat(this.keys.mask("orders.datasource-url", url)).isEqualTo(url);
	}

}

package io.zkworkflow.config;

import org.springframework.context.ApplicationEvent;

/**
 * Published when a value read from ZooKeeper is refused (it could not be converted, or failed
 * validation). The refused value was not applied anywhere; the last good value stays. The
 * value carried here is masked for sensitive keys.
 */
public class ZkConfigRejectedEvent extends ApplicationEvent {

	private final String key;

	private final String znodePath;

	private final int znodeVersion;

	private final String maskedValue;

	private final String reason;

	public ZkConfigRejectedEvent(Object source, String key, String znodePath, int znodeVersion, String maskedValue,
			String reason) {
		super(source);
		this.key = key;
		this.znodePath = znodePath;
		this.znodeVersion = znodeVersion;
		this.maskedValue = maskedValue;
		this.reason = reason;
	}

	/**
	 * Return the refused key.
	 * @return the property key or absolute znode path
	 */
	public String getKey() {
		return this.key;
	}

	/**
	 * Return the znode the refused value was read from.
	 * @return the znode path
	 */
	public String getZnodePath() {
		return this.znodePath;
	}

	/**
	 * Return the data version of the refused znode, {@code -1} for a refused deletion.
	 * @return the znode version
	 */
	public int getZnodeVersion() {
		return this.znodeVersion;
	}

	/**
	 * Return the refused value, masked when the key is sensitive.
	 * @return the value as shown in logs
	 */
	public String getMaskedValue() {
		return this.maskedValue;
	}

	/**
	 * Return why the value was refused.
	 * @return the reason, naming the injection point or validator that refused it
	 */
	public String getReason() {
		return this.reason;
	}

	@Override
	public String toString() {
		return "ZkConfigRejectedEvent[key=" + this.key + ", znode=" + this.znodePath + ", version=" + this.znodeVersion
				+ ", value=" + this.maskedValue + ", reason=" + this.reason + "]";
	}

}

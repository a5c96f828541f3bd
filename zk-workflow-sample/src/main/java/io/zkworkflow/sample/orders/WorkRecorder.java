package io.zkworkflow.sample.orders;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

import io.zkworkflow.internal.StatusSection;

import org.springframework.stereotype.Component;

/**
 * Remembers which steps this instance ran, shown as the {@code sample} section of the
 * {@code zkworkflow} actuator endpoint, so that two instances show their share of the work.
 */
@Component
public class WorkRecorder implements StatusSection {

	private final Map<String, List<String>> stepsByOrder = new ConcurrentHashMap<>();

	/**
	 * Record that this instance ran a step of an order.
	 * @param orderId the order
	 * @param step the step
	 */
	public void ran(String orderId, String step) {
		this.stepsByOrder.computeIfAbsent(orderId, (id) -> new CopyOnWriteArrayList<>()).add(step);
	}

	/**
	 * Return the steps this instance ran for an order, in the order they ran.
	 * @param orderId the order
	 * @return the steps, empty if none
	 */
	public List<String> stepsOf(String orderId) {
		return List.copyOf(this.stepsByOrder.getOrDefault(orderId, List.of()));
	}

	@Override
	public String sectionName() {
		return "sample";
	}

	@Override
	public Object snapshot() {
		return Map.of("stepsRunHere", this.stepsByOrder.values().stream().mapToInt(List::size).sum(), "orders",
				Map.copyOf(this.stepsByOrder));
	}

}

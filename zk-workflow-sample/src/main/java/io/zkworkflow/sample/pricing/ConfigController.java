package io.zkworkflow.sample.pricing;

import java.util.Map;

import io.zkworkflow.config.ZkConfigRejectedException;
import io.zkworkflow.config.ZkConfigTemplate;

import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Changes a live setting of the whole fleet: {@code PUT /settings/orders.checkout-enabled} with
 * body {@code false}, or {@code PUT /settings/orders.pricing} with a JSON document. A value any
 * instance would refuse is refused here, before it is written.
 */
@RestController
@RequestMapping("/settings")
class ConfigController {

	private final ZkConfigTemplate template;

	private final Pricing pricing;

	ConfigController(ZkConfigTemplate template, Pricing pricing) {
		this.template = template;
		this.pricing = pricing;
	}

	@GetMapping
	Map<String, Object> current() {
		return Map.of("orders.checkout-enabled", this.pricing.isCheckoutEnabled(), "orders.pricing",
				this.pricing.rules());
	}

	@PutMapping("/{key}")
	ResponseEntity<Map<String, Object>> publish(@PathVariable String key, @RequestBody String value) {
		try {
			this.template.publish(key, value.strip());
			return ResponseEntity.ok(Map.of("published", key));
		}
		catch (ZkConfigRejectedException ex) {
			return ResponseEntity.badRequest().body(Map.of("refused", key, "reason", String.valueOf(ex.getMessage())));
		}
	}

}

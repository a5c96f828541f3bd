package io.zkworkflow.sample.report;

import java.util.Map;

import io.zkworkflow.lock.DistributedLocked;
import io.zkworkflow.lock.LockContext;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code GET /inventory/{sku}/token}: takes the lock of one SKU across the fleet and returns its
 * fencing token, the number a guarded resource compares to refuse a stale holder.
 */
@RestController
class FencingController {

	private final OrderReportJob reportJob;

	FencingController(OrderReportJob reportJob) {
		this.reportJob = reportJob;
	}

	@GetMapping("/inventory/{sku}/token")
	@DistributedLocked(name = "inventory", key = "#sku", waitTime = "5s")
	public Map<String, Object> token(@PathVariable String sku) {
		return Map.of("sku", sku, "fencingToken", LockContext.current().fencingToken(), "reportRunsHere",
				this.reportJob.runsHere());
	}

}

package io.zkworkflow.benchmarks.footprint.app;

import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.util.stream.Collectors;

import com.sun.management.OperatingSystemMXBean;

import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.ApplicationListener;

/**
 * Measures the application the moment it is ready: time since the JVM started and the CPU time
 * the process has used so far (which other work on a shared machine moves less), then heap used
 * after a full collection. Nothing the checks do afterwards is in these figures.
 */
final class ReadyProbe implements ApplicationListener<ApplicationReadyEvent> {

	private String figures = "missing (no ApplicationReadyEvent)";

	@Override
	public void onApplicationEvent(ApplicationReadyEvent event) {
		long startupMillis = System.currentTimeMillis() - ManagementFactory.getRuntimeMXBean().getStartTime();
		long cpuNanos = (ManagementFactory.getOperatingSystemMXBean() instanceof OperatingSystemMXBean os)
				? os.getProcessCpuTime() : -1;
		System.gc();
		long heapUsed = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
		String collectors = ManagementFactory.getGarbageCollectorMXBeans()
			.stream()
			.map(GarbageCollectorMXBean::getName)
			.collect(Collectors.joining("+"));
		this.figures = "startup-ms=" + startupMillis + " boot-ms=" + event.getTimeTaken().toMillis()
				+ " cpu-ms=" + cpuNanos / 1_000_000 + " heap-used-bytes=" + heapUsed + " beans=" + event.getApplicationContext().getBeanDefinitionCount()
				+ " max-heap-bytes=" + Runtime.getRuntime().maxMemory() + " gc=" + collectors.replace(' ', '_');
	}

	String figures() {
		return this.figures;
	}

}

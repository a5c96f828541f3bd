package io.zkworkflow.catalogue;

import java.util.stream.Stream;

import io.zkworkflow.config.ZkConfigValue;
import io.zkworkflow.lock.DistributedLocked;
import io.zkworkflow.lock.LockMode;
import io.zkworkflow.lock.OnLockFailure;
import io.zkworkflow.task.TaskClient;
import io.zkworkflow.task.TaskId;
import io.zkworkflow.task.TaskState;
import io.zkworkflow.task.WorkflowTask;
import io.zkworkflow.test.ZooKeeperServerExtension;
import io.zkworkflow.workflow.WorkflowDefinition;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.arguments;

/**
 * Catalogue, declarations: each row starts an instance whose one bean carries a bad
 * {@code @DistributedLocked}, {@code @WorkflowTask}, {@code @ZkConfigValue} or
 * {@code WorkflowDefinition}. Startup fails naming the annotation, the class and method (or
 * workflow and step) and the bad value, and the two instances already running (each its own
 * session, so three compete with the failing one) keep their work.
 */
class DeclarationBadInputTests {

	@RegisterExtension
	static final ZooKeeperServerExtension zookeeper = new ZooKeeperServerExtension();

	private static ConfigurableApplicationContext running;

	private static ConfigurableApplicationContext alsoRunning;

	@BeforeAll
	static void startGoodInstances() {
		running = CatalogueApp.start(zookeeper, CatalogueApp.class);
		alsoRunning = CatalogueApp.start(zookeeper, CatalogueApp.class);
	}

	@AfterAll
	static void stop() {
		running.close();
		alsoRunning.close();
	}

	static Stream<Arguments> badDeclarations() {
		return Stream.of(
				// @DistributedLocked
				arguments(InvalidSpel.class, new String[] { "@DistributedLocked on", "InvalidSpel#place(String)",
						"key '#order.(' is not a valid SpEL expression" }),
				arguments(UnknownParameter.class, new String[] { "UnknownParameter#place(String)",
						"key '#user.id': no parameter named 'user'; parameters are [order]" }),
				arguments(SkipOnPrimitive.class,
						new String[] { "SkipOnPrimitive#count()", "onFailure = SKIP cannot skip a method returning int" }),
				arguments(WordForWaitTime.class,
						new String[] { "WordForWaitTime#run()", "waitTime 'soon' is not a duration; use for example '10s'" }),
				arguments(NegativeWaitTime.class,
						new String[] { "NegativeWaitTime#run()", "waitTime '-1s' must not be negative" }),
				arguments(SlashInLockName.class, new String[] { "SlashInLockName#run()", "name 'a/b'", "may only contain" }),
				arguments(PermitsOnExclusive.class,
						new String[] { "PermitsOnExclusive#run()", "permits = 3 only applies to mode = SEMAPHORE" }),
				arguments(ZeroPermitsSemaphore.class,
						new String[] { "ZeroPermitsSemaphore#run()", "permits must be at least 1 for SEMAPHORE, not 0" }),
				arguments(MissingFallback.class, new String[] { "MissingFallback#run()", "fallbackMethod 'nothere' not found" }),
				arguments(MaxHoldBelowMinHold.class,
						new String[] { "MaxHoldBelowMinHold#run()", "maxHoldTime", "must be longer than minHoldTime" }),
				// @WorkflowTask
				arguments(BadTaskName.class, new String[] { "@WorkflowTask name 'bad name!'", "BadTaskName", "may only contain" }),
				arguments(DuplicateTaskName.class,
						new String[] { "'twice'", "DuplicateTaskName", "first(String)", "second(String)" }),
				arguments(BadCron.class, new String[] { "cron 'every day'", "is not a valid cron expression" }),
				arguments(BadZone.class, new String[] { "zone 'Mars/Olympus'" }),
				arguments(NegativeAttempts.class, new String[] { "@WorkflowTask maxAttempts -1", "NegativeAttempts" }),
				arguments(ZeroConcurrency.class, new String[] { "@WorkflowTask concurrency 0", "ZeroConcurrency" }),
				arguments(RateWithoutPeriod.class,
						new String[] { "@WorkflowTask fleetRate on ", "RateWithoutPeriod", "'10' has no '/'", "'100/1m'" }),
				arguments(WordForBackoff.class, new String[] { "@WorkflowTask backoff 'fast'", "WordForBackoff" }),
				arguments(TwoPayloads.class, new String[] { "@WorkflowTask method", "TwoPayloads" }),
				// @ZkConfigValue
				arguments(FinalConfigField.class,
						new String[] { "@ZkConfigValue field", "FinalConfigField.limit", "is final", "volatile" }),
				arguments(TwoArgumentSetter.class, new String[] { "@ZkConfigValue method", "TwoArgumentSetter.setBoth",
						"must take exactly one parameter", "it takes 2" }),
				arguments(SlashInConfigKey.class, new String[] { "'a/../b'" }),
				arguments(RequiredKeyMissing.class, new String[] { "shop.required-and-missing" }),
				// WorkflowDefinition
				arguments(CyclicWorkflow.class, new String[] { "Workflow 'loop'", "cycle", "b -> c -> b" }),
				arguments(UnknownPredecessor.class, new String[] { "Workflow 'typo': step 'b' waits for unknown step 'aa'" }),
				arguments(UnreachableStep.class, new String[] { "Workflow 'island': step 'c' has no predecessor" }),
				arguments(DuplicateStep.class, new String[] { "Workflow 'twice': step id 'echo' is declared twice" }),
				arguments(StepWithoutHandler.class, new String[] { "Workflow 'shipping': step 'ship-it' has no @WorkflowTask",
						"zk-workflow.workflows.validate-handlers=false" }),
				arguments(BadScheduleCron.class, new String[] { "Workflow 'nightly': schedule 'at night'" }),
				arguments(UnknownCompletionListener.class,
						new String[] { "Workflow 'notified': completion listener 'no-such-listener' (onComplete) has no "
								+ "@WorkflowTask(name = \"no-such-listener\")", "takes a WorkflowCompletion",
								"zk-workflow.workflows.validate-handlers=false" }),
				arguments(CompletionListenerIsAStep.class,
						new String[] { "Workflow 'echoes': onComplete task 'echo' is also a step of the workflow" }),
				arguments(ZeroVersion.class, new String[] { "Workflow 'zero': version(0) is not a version",
						"a positive number", "leave version() out to version the definition by a hash of its shape" }),
				arguments(NegativeVersion.class, new String[] { "Workflow 'negative': version(-2) is not a version",
						"Use version(1) or more" }));
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("badDeclarations")
	void badDeclarationFailsStartupNamingItAndTheRunningInstanceLosesNothing(Class<?> configuration, String[] expected) {
		TaskClient tasks = running.getBean(TaskClient.class);
		TaskId parked = tasks.submit("parked", configuration.getSimpleName());
		CatalogueApp.runner(zookeeper).withUserConfiguration(configuration).run((context) -> {
			assertThat(context).hasFailed();
			assertThat(CatalogueApp.messages(context.getStartupFailure())).contains(expected);
		});
		assertThat(tasks.status(parked).state()).isEqualTo(TaskState.PENDING);
		assertThat(alsoRunning.getBean(TaskClient.class).status(parked).state()).isEqualTo(TaskState.PENDING);
		CatalogueApp.assertWorking(running);
		CatalogueApp.assertWorking(alsoRunning);
	}

	// ---- @DistributedLocked

	@Configuration(proxyBeanMethods = false)
	static class InvalidSpel {

		@DistributedLocked(key = "#order.(")
		public void place(String order) {
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class UnknownParameter {

		@DistributedLocked(key = "#user.id")
		public void place(String order) {
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class SkipOnPrimitive {

		@DistributedLocked(onFailure = OnLockFailure.SKIP)
		public int count() {
			return 1;
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class WordForWaitTime {

		@DistributedLocked(waitTime = "soon")
		public void run() {
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class NegativeWaitTime {

		@DistributedLocked(waitTime = "-1s")
		public void run() {
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class SlashInLockName {

		@DistributedLocked(name = "a/b")
		public void run() {
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class PermitsOnExclusive {

		@DistributedLocked(permits = 3)
		public void run() {
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class ZeroPermitsSemaphore {

		@DistributedLocked(mode = LockMode.SEMAPHORE, permits = 0)
		public void run() {
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class MissingFallback {

		@DistributedLocked(onFailure = OnLockFailure.FALLBACK, fallbackMethod = "nothere")
		public void run() {
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class MaxHoldBelowMinHold {

		@DistributedLocked(minHoldTime = "10s", maxHoldTime = "1s")
		public void run() {
		}

	}

	// ---- @WorkflowTask

	@Configuration(proxyBeanMethods = false)
	static class BadTaskName {

		@WorkflowTask(name = "bad name!")
		public void handle(String payload) {
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class DuplicateTaskName {

		@WorkflowTask(name = "twice")
		public void first(String payload) {
		}

		@WorkflowTask(name = "twice")
		public void second(String payload) {
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class BadCron {

		@WorkflowTask(name = "nightly-report", cron = "every day")
		public void handle() {
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class BadZone {

		@WorkflowTask(name = "mars-report", cron = "0 0 * * * *", zone = "Mars/Olympus")
		public void handle() {
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class NegativeAttempts {

		@WorkflowTask(name = "negative", maxAttempts = -1)
		public void handle(String payload) {
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class RateWithoutPeriod {

		@WorkflowTask(name = "rated", fleetRate = "10")
		public void handle(String payload) {
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class ZeroConcurrency {

		@WorkflowTask(name = "idle", concurrency = 0)
		public void handle(String payload) {
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class WordForBackoff {

		@WorkflowTask(name = "hasty", backoff = "fast")
		public void handle(String payload) {
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class TwoPayloads {

		@WorkflowTask(name = "two")
		public void handle(String one, String two) {
		}

	}

	// ---- @ZkConfigValue

	@Configuration(proxyBeanMethods = false)
	static class FinalConfigField {

		@ZkConfigValue(key = "shop.limit", defaultValue = "10")
		final int limit = 10;

	}

	@Configuration(proxyBeanMethods = false)
	static class TwoArgumentSetter {

		@ZkConfigValue(key = "shop.limit")
		void setBoth(int limit, int other) {
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class SlashInConfigKey {

		@ZkConfigValue(key = "a/../b")
		volatile String value;

	}

	@Configuration(proxyBeanMethods = false)
	static class RequiredKeyMissing {

		@ZkConfigValue(key = "shop.required-and-missing", required = true)
		volatile String value;

	}

	// ---- WorkflowDefinition

	@Configuration(proxyBeanMethods = false)
	static class CyclicWorkflow {

		@Bean
		WorkflowDefinition loop() {
			return WorkflowDefinition.named("loop").step("a").step("b", "a", "c").step("c", "b").build();
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class UnknownPredecessor {

		@Bean
		WorkflowDefinition typo() {
			return WorkflowDefinition.named("typo").step("a").step("b", "aa").build();
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class UnreachableStep {

		@Bean
		WorkflowDefinition island() {
			return WorkflowDefinition.named("island").step("a").then("b").step("c").build();
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class DuplicateStep {

		@Bean
		WorkflowDefinition twice() {
			return WorkflowDefinition.named("twice").step("echo").then("b").then("echo").build();
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class ZeroVersion {

		@Bean
		WorkflowDefinition zero() {
			return WorkflowDefinition.named("zero").version(0).step("echo").build();
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class NegativeVersion {

		@Bean
		WorkflowDefinition negative() {
			return WorkflowDefinition.named("negative").step("echo").version(-2).build();
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class StepWithoutHandler {

		@Bean
		WorkflowDefinition shipping() {
			return WorkflowDefinition.named("shipping").step("ship-it").build();
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class BadScheduleCron {

		@Bean
		WorkflowDefinition nightly() {
			return WorkflowDefinition.named("nightly").step("a").schedule("at night").build();
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class UnknownCompletionListener {

		@Bean
		WorkflowDefinition notified() {
			return WorkflowDefinition.named("notified").step("notify-step").onComplete("no-such-listener").build();
		}

		@Bean
		NotifyStep notifyStep() {
			return new NotifyStep();
		}

		static class NotifyStep {

			@WorkflowTask(name = "notify-step")
			String handle(String input) {
				return input;
			}

		}

	}

	@Configuration(proxyBeanMethods = false)
	static class CompletionListenerIsAStep {

		@Bean
		WorkflowDefinition echoes() {
			return WorkflowDefinition.named("echoes").step("echo").onComplete("echo").build();
		}

	}

}

package io.zkworkflow.task;

import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;

import io.zkworkflow.test.ZkInstances;
import io.zkworkflow.test.ZooKeeperServerExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The task-level form of a durable completion reaction, as docs/workflows.md describes it: a
 * {@link TaskCompletionContributor} adds the operations of {@link TaskClient#prepare} to the
 * transaction that ends a task, so the follow-up task commits with the end (its queue's parents
 * created by the engine) and runs once per ended task, with two instances competing.
 */
class TaskFollowUpTests {

	@RegisterExtension
	static final ZooKeeperServerExtension zookeeper = new ZooKeeperServerExtension();

	@Test
	void aFollowUpPreparedByAContributorRunsOncePerEndedTask() {
		try (ZkInstances instances = TaskInstances.on(zookeeper)) {
			TaskClient first = instances.start(Invoicing.class).getBean(TaskClient.class);
			instances.start(Invoicing.class);
			Set<String> invoices = new HashSet<>();
			for (int i = 0; i < 20; i++) {
				invoices.add(first.submit("invoice", "order-" + i).toString());
			}
			await().atMost(Duration.ofSeconds(30)).until(() -> Invoicing.sent.keySet().containsAll(invoices));
			assertThat(Invoicing.sent.keySet()).containsExactlyInAnyOrderElementsOf(invoices);
			Invoicing.sent.forEach((invoice, runs) -> assertThat(runs).as(invoice).hasSize(1));
		}
	}

	@Configuration(proxyBeanMethods = false)
	static class Invoicing {

		static final Map<String, Queue<String>> sent = new ConcurrentHashMap<>();

		@Bean
		TaskCompletionContributor invoiceFollowUp(ObjectProvider<TaskClient> tasks) {
			return (outcome, curator) -> {
				if (!outcome.id().name().equals("invoice") || outcome.kind() != TaskOutcome.Kind.SUCCEEDED) {
					return List.of();
				}
				// keyed by the ended task: a retried end can never create a second follow-up
				return tasks.getObject()
					.prepare("invoice-sent", outcome.id().toString(),
							SubmitOptions.idempotencyKey("after-" + outcome.id()))
					.ops();
			};
		}

		@Bean
		InvoiceHandlers invoiceHandlers() {
			return new InvoiceHandlers();
		}

		static class InvoiceHandlers {

			@WorkflowTask(name = "invoice")
			String invoice(String order) {
				return "invoiced " + order;
			}

			@WorkflowTask(name = "invoice-sent")
			void sent(String invoice) {
				sent.computeIfAbsent(invoice, (key) -> new ConcurrentLinkedQueue<>()).add(invoice);
			}

		}

	}

}

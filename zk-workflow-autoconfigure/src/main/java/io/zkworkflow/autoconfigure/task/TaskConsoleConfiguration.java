package io.zkworkflow.autoconfigure.task;

import io.zkworkflow.internal.AdminOperation;
import io.zkworkflow.internal.ListingOperation;
import io.zkworkflow.task.TaskClient;
import io.zkworkflow.task.internal.TaskActivity;
import io.zkworkflow.task.internal.TaskAdminOperations;
import io.zkworkflow.task.internal.TaskListing;

import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * What the tasks give the actuator endpoint and the console beyond their section: write
 * operations on tasks and dead letters, the paged task listing, and the record of recent
 * activity the status section shows. Imported by
 * {@link TaskAutoConfiguration}, so it shares its conditions.
 */
@Configuration(proxyBeanMethods = false)
class TaskConsoleConfiguration {

	@Bean
	@ConditionalOnMissingBean
	TaskActivity zkWorkflowTaskActivity() {
		return new TaskActivity();
	}

	@Bean
	@ConditionalOnMissingBean(name = "zkWorkflowTaskRetryOperation")
	AdminOperation zkWorkflowTaskRetryOperation(TaskClient client) {
		return TaskAdminOperations.retry(client);
	}

	@Bean
	@ConditionalOnMissingBean(name = "zkWorkflowTaskPurgeOperation")
	AdminOperation zkWorkflowTaskPurgeOperation(TaskClient client) {
		return TaskAdminOperations.purge(client);
	}

	@Bean
	@ConditionalOnMissingBean(name = "zkWorkflowTaskCancelOperation")
	AdminOperation zkWorkflowTaskCancelOperation(TaskClient client) {
		return TaskAdminOperations.cancel(client);
	}

	@Bean
	@ConditionalOnMissingBean(name = "zkWorkflowTaskRetryDeadLettersOperation")
	AdminOperation zkWorkflowTaskRetryDeadLettersOperation(TaskClient client) {
		return TaskAdminOperations.retryDeadLetters(client);
	}

	@Bean
	@ConditionalOnMissingBean(name = "zkWorkflowTaskDeleteDeadLettersOperation")
	AdminOperation zkWorkflowTaskDeleteDeadLettersOperation(TaskClient client) {
		return TaskAdminOperations.deleteDeadLetters(client);
	}

	@Bean
	@ConditionalOnMissingBean(name = "zkWorkflowTaskPurgeDeadLettersOperation")
	AdminOperation zkWorkflowTaskPurgeDeadLettersOperation(TaskClient client) {
		return TaskAdminOperations.purgeDeadLetters(client);
	}

	@Bean
	@ConditionalOnMissingBean(name = "zkWorkflowTaskListing")
	ListingOperation zkWorkflowTaskListing(TaskClient client) {
		return new TaskListing(client);
	}

}

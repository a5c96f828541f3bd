package io.zkworkflow.sample.dashboard;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import io.zkworkflow.lock.DistributedLockTemplate;
import io.zkworkflow.lock.LockHandle;
import io.zkworkflow.lock.LockRequest;
import io.zkworkflow.sample.SampleClient;
import io.zkworkflow.task.TaskClient;
import io.zkworkflow.task.TaskId;
import io.zkworkflow.task.TaskState;
import io.zkworkflow.task.WorkflowTask;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.WebDriverWait;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.web.client.RestClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The dashboard in a real headless Chromium against a running sample: it shows the instance, a
 * held lock, a config key, the task queues and a workflow's DAG, and an admin's click on "retry"
 * puts a dead letter back in the queue. Skips, saying why, only when Chromium and its driver are
 * not installed ({@code .ci/run} installs them).
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "zk-workflow.embedded.port=0", "spring.task.scheduling.pool.size=2" })
class DashboardBrowserTests {

	private static final Path CHROMIUM = Path.of("/usr/bin/chromium");

	private static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");

	@LocalServerPort
	int port;

	@Autowired
	TaskClient tasks;

	@Autowired
	DistributedLockTemplate locks;

	@Autowired
	FlakyTask flaky;

	private WebDriver browser;

	@BeforeEach
	void startBrowser() {
		Assumptions.assumeTrue(Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER),
				"Chromium is not installed (apt-get install chromium chromium-driver); .ci/run installs it");
		ChromeOptions options = new ChromeOptions();
		options.setBinary(CHROMIUM.toFile());
		options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
				"--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update",
				"--disable-sync", "--window-size=1400,1100");
		ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(CHROMEDRIVER.toFile())
			.usingAnyFreePort()
			.build();
		this.browser = new ChromeDriver(service, options);
	}

	@AfterEach
	void stopBrowser() {
		if (this.browser != null) {
			this.browser.quit();
		}
	}

	@Test
	void showsTheFleetAndRetriesADeadLetter() throws Exception {
		RestClient http = RestClient.create("http://localhost:" + this.port);
		assertThat(SampleClient.on(this.port).placeOrder("alice", "dash-1", "c1")).isEqualTo(202);
		await().atMost(Duration.ofSeconds(60))
			.until(() -> http.get().uri("/orders/dash-1").retrieve().body(String.class).contains("\"COMPLETED\""));
		TaskId doomed = this.tasks.submit(FlakyTask.NAME, "first try fails");
		await().atMost(Duration.ofSeconds(60)).until(() -> this.tasks.status(doomed).state() == TaskState.DEAD);
		this.flaky.failing = false;

		try (LockHandle held = this.locks.acquire(LockRequest.exclusive("dashboard-demo").withKey("k"))) {
			login("admin", "admin");
			this.browser.get("http://localhost:" + this.port + "/zk-workflow/");
			WebDriverWait wait = new WebDriverWait(this.browser, Duration.ofSeconds(30));
			wait.until((driver) -> text("status").equals("connected"));
			wait.until((driver) -> text("instances").contains("zk-workflow-sample") && text("instances").contains("this one"));
			wait.until((driver) -> text("locks").contains("dashboard-demo")
					&& text("locks").contains(Long.toString(held.fencingToken())));
			wait.until((driver) -> text("config").contains("orders.pricing"));
			wait.until((driver) -> text("tasks").contains("reserve-stock") && text("tasks").contains(FlakyTask.NAME));
			// the page re-renders every refresh: read the DAG's steps in one script call
			wait.until((driver) -> !drawnSteps().isEmpty());
			assertThat(drawnSteps()).contains("reserve-stock", "charge-card", "send-invoice", "schedule-shipping",
					"close-order");
			wait.until((driver) -> text("dead-letters").contains(doomed.toString()));
			screenshot();

			By retry = By.cssSelector("#dead-letters tr[data-row='" + doomed + "'] button.retry");
			wait.ignoring(StaleElementReferenceException.class).until((driver) -> {
				driver.findElement(retry).click();
				return true;
			});
			await().atMost(Duration.ofSeconds(30)).until(() -> this.tasks.status(doomed).state() != TaskState.DEAD);
			wait.until((driver) -> !text("dead-letters").contains(doomed.toString()));
			assertThat(this.flaky.running.await(30, TimeUnit.SECONDS)).as("the retried task runs again").isTrue();
			assertThat(this.tasks.status(doomed).state()).isIn(TaskState.PENDING, TaskState.RUNNING);
		}
		finally {
			this.flaky.release.countDown();
		}
		await().atMost(Duration.ofSeconds(30)).until(() -> this.tasks.status(doomed).state() == TaskState.SUCCEEDED);
	}

	@Test
	void readOnlyVisitorsSeeNoRetryButton() {
		login("viewer", "viewer");
		this.browser.get("http://localhost:" + this.port + "/zk-workflow/");
		WebDriverWait wait = new WebDriverWait(this.browser, Duration.ofSeconds(30));
		wait.until((driver) -> text("status").equals("connected"));
		assertThat(this.browser.findElements(By.cssSelector("button.retry"))).isEmpty();
		String settings = RestClient.create("http://localhost:" + this.port)
			.get()
			.uri("/zk-workflow/settings.json")
			.retrieve()
			.body(String.class);
		assertThat(settings).contains("\"canWrite\":false");
	}

	private void login(String user, String password) {
		this.browser.get("http://localhost:" + this.port + "/login");
		this.browser.findElement(By.name("username")).sendKeys(user);
		this.browser.findElement(By.name("password")).sendKeys(password);
		this.browser.findElement(By.cssSelector("button[type=submit]")).click();
		new WebDriverWait(this.browser, Duration.ofSeconds(15))
			.until((driver) -> !driver.getCurrentUrl().contains("/login"));
	}

	private String text(String id) {
		try {
			return this.browser.findElement(By.id(id)).getText();
		}
		catch (StaleElementReferenceException ex) {
			return "";
		}
	}

	@SuppressWarnings("unchecked")
	private List<String> drawnSteps() {
		return (List<String>) ((JavascriptExecutor) this.browser).executeScript(
				"return Array.from(document.querySelectorAll('#workflows svg.dag g.step')).map((g) => g.dataset.step);");
	}

	private void screenshot() throws Exception {
		File shot = ((ChromeDriver) this.browser).getScreenshotAs(OutputType.FILE);
		Path target = Path.of("target", "dashboard.png");
		Files.createDirectories(target.getParent());
		Files.copy(shot.toPath(), target, StandardCopyOption.REPLACE_EXISTING);
	}

	@TestConfiguration(proxyBeanMethods = false)
	static class FlakyTaskConfiguration {

		@Bean
		FlakyTask flakyTask() {
			return new FlakyTask();
		}

	}

	static class FlakyTask {

		static final String NAME = "flaky-demo";

		volatile boolean failing = true;

		final CountDownLatch running = new CountDownLatch(1);

		final CountDownLatch release = new CountDownLatch(1);

		@WorkflowTask(name = NAME, maxAttempts = 1)
		public String run(String payload) throws InterruptedException {
			if (this.failing) {
				throw new IllegalStateException("failing on purpose: " + payload);
			}
			this.running.countDown();
			this.release.await(60, TimeUnit.SECONDS);
			return "done";
		}

	}

}

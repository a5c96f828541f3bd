package io.zkworkflow.sample.dashboard;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import io.zkworkflow.lock.DistributedLockTemplate;
import io.zkworkflow.lock.LockHandle;
import io.zkworkflow.lock.LockRequest;
import io.zkworkflow.sample.SampleApplication;
import io.zkworkflow.sample.SampleClient;
import io.zkworkflow.task.SubmitOptions;
import io.zkworkflow.task.TaskClient;
import io.zkworkflow.task.TaskId;
import io.zkworkflow.task.TaskState;
import io.zkworkflow.task.TaskSubmission;
import io.zkworkflow.task.WorkflowTask;
import io.zkworkflow.workflow.ScheduleClient;
import io.zkworkflow.workflow.WorkflowClient;
import io.zkworkflow.workflow.WorkflowDefinition;
import io.zkworkflow.workflow.WorkflowId;
import io.zkworkflow.workflow.WorkflowState;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.NoSuchElementException;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.core.env.Environment;
import org.springframework.web.client.RestClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The console in a real headless Chromium against three sample instances on one ZooKeeper doing
 * real work (orders, a failing task, a held and a waited-for lock, a schedule, a workflow that
 * waits): every page is visited and every action is run through the page as an admin, each
 * confirmed in the browser's dialog; the layout holds at 1280x800 and in a narrow window. Skips,
 * saying why, only when Chromium and its driver are not installed ({@code .ci/run} installs them).
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "zk-workflow.embedded.port=0", "spring.task.scheduling.pool.size=2" })
class DashboardBrowserTests {

	private static final Path CHROMIUM = Path.of("/usr/bin/chromium");

	private static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");

	private static final List<String> PAGES = List.of("", "tasks", "workflows", "schedules", "locks", "config");

	@LocalServerPort
	int port;

	@Autowired
	TaskClient tasks;

	@Autowired
	WorkflowClient workflows;

	@Autowired
	ScheduleClient schedules;

	@Autowired
	DistributedLockTemplate locks;

	@Autowired
	FlakyTask flaky;

	@Autowired
	Environment environment;

	private WebDriver browser;

	private WebDriverWait wait;

	private final List<ConfigurableApplicationContext> others = new ArrayList<>();

	@BeforeEach
	void startBrowser() {
		Assumptions.assumeTrue(Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER),
				"Chromium is not installed (apt-get install chromium chromium-driver); .ci/run installs it");
		ChromeOptions options = new ChromeOptions();
		options.setBinary(CHROMIUM.toFile());
		options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
				"--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update",
				"--disable-sync", "--window-size=1280,800");
		ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(CHROMEDRIVER.toFile())
			.usingAnyFreePort()
			.build();
		this.browser = new ChromeDriver(service, options);
		this.wait = new WebDriverWait(this.browser, Duration.ofSeconds(30));
	}

	@AfterEach
	void stop() {
		if (this.browser != null) {
			this.browser.quit();
		}
		this.flaky.release.countDown();
		this.others.forEach(ConfigurableApplicationContext::close);
	}

	@Test
	void everyPageAndEveryActionWorksAgainstThreeInstances() throws Exception {
		String zookeeper = this.environment.getProperty("spring.cloud.zookeeper.connect-string");
		this.others.add(startOther(zookeeper));
		this.others.add(startOther(zookeeper));
		RestClient http = RestClient.create("http://localhost:" + this.port);
		for (int i = 0; i < 6; i++) {
			assertThat(SampleClient.on(this.port).placePaidOrder("alice", "dash-" + i, "c" + i)).isEqualTo(202);
		}
		await().atMost(Duration.ofSeconds(90)).until(() -> http.get().uri("/orders/dash-5").retrieve().body(String.class)
			.contains("\"COMPLETED\""));
		List<TaskId> doomed = new ArrayList<>();
		for (int i = 0; i < 4; i++) {
			doomed.add(this.tasks.submit(FlakyTask.NAME, "try " + i));
		}
		await().atMost(Duration.ofSeconds(60))
			.until(() -> doomed.stream().allMatch((id) -> this.tasks.status(id).state() == TaskState.DEAD));
		this.flaky.failing = false;
		TaskId later = this.tasks.submit(FlakyTask.NAME, "later", SubmitOptions.delayed(Duration.ofHours(1)));
		WorkflowId held = this.workflows.start(FlakyTask.HOLD_FLOW, "waits");
		WorkflowId signalled = this.workflows.start(FlakyTask.SIGNAL_FLOW, "waits for a signal");
		List<String> listed = this.tasks
			.submitAll(java.util.stream.IntStream.range(0, 23)
				.mapToObj((i) -> TaskSubmission.of(FlakyTask.UNSERVED, "row " + i))
				.toList())
			.stream()
			.map((result) -> result.id().toString())
			.toList();
		ExecutorService waiter = Executors.newSingleThreadExecutor();
		try (LockHandle lock = this.locks.acquire(LockRequest.exclusive("dashboard-demo").withKey("k"))) {
			waiter.submit(() -> {
				try (LockHandle late = this.others.get(0).getBean(DistributedLockTemplate.class)
					.acquire(LockRequest.exclusive("dashboard-demo").withKey("k").withWaitTime(Duration.ofSeconds(60)))) {
					return late.fencingToken();
				}
			});
			login("admin", "admin");

			visit("");
			until((driver) -> text("page").contains("Throughput") && rows("panel-instances") == 3);
			until((driver) -> text("page").contains("reserve-stock") && text("page").contains("coordinator"));
			until((driver) -> !this.browser.findElements(By.cssSelector("svg.chart g")).isEmpty());
			screenshot("dashboard.png");

			visit("locks");
			until((driver) -> text("fleet-locks").contains("dashboard-demo")
					&& text("fleet-locks").contains("token " + lock.fencingToken()) && text("fleet-locks").contains("1: "));
			until((driver) -> text("locks").contains(Long.toString(lock.fencingToken())));

			visit("task/" + doomed.get(3));
			// the attempts come from the task's record in ZooKeeper, whichever instance ran them
			String ranOn = this.tasks.status(doomed.get(3)).history().get(0).instance();
			until((driver) -> text("task-detail").contains("DEAD") && text("payload").contains("try 3")
					&& text("attempts").contains("java.lang.IllegalStateException: failing on purpose: try 3")
					&& text("attempts").contains(ranOn) && text("attempts").contains("FAILED"));
			// a refresh with new data draws the page again: open the stack trace until it is seen open
			until((driver) -> {
				retrying(() -> this.browser.findElement(By.cssSelector("#attempts summary")).click());
				return text("attempts").contains("at io.zkworkflow.sample.dashboard");
			});
			screenshot("dashboard-task.png");

			visit("tasks");
			until((driver) -> doomed.stream().allMatch((id) -> text("dead-letters").contains(id.toString())));
			select("task-name", FlakyTask.NAME);
			select("task-state", "DEAD");
			until((driver) -> doomed.stream().allMatch((id) -> text("task-list").contains(id.toString())));
			pick("task-list", doomed.get(0));
			pick("task-list", doomed.get(1));
			String retried = act("#task-list ", "retry selected");
			await().alias("retried: " + retried).atMost(Duration.ofSeconds(30)).until(() -> this.tasks.status(doomed.get(0)).state() == TaskState.SUCCEEDED
					&& this.tasks.status(doomed.get(1)).state() == TaskState.SUCCEEDED);
			pick("dead-letters", doomed.get(2));
			act("#dead-letters ", "delete selected");
			await().atMost(Duration.ofSeconds(30)).until(() -> this.tasks.status(doomed.get(2)).state() == TaskState.UNKNOWN);
			type("task-filter", FlakyTask.NAME);
			act("purge all of " + FlakyTask.NAME);
			await().atMost(Duration.ofSeconds(30)).until(() -> this.tasks.status(doomed.get(3)).state() == TaskState.UNKNOWN);
			until((driver) -> text("dead-letters").contains("none"));
			pagesForwardAndBack(listed);

			visit("task/" + doomed.get(0));
			until((driver) -> text("task-detail").contains("SUCCEEDED") && text("attempts").contains("FAILED")
					&& text("attempts").contains("SUCCEEDED"));

			visit("task/" + later);
			until((driver) -> text("task-detail").contains("SCHEDULED") && text("page").contains("dueAt"));
			act("cancel");
			await().atMost(Duration.ofSeconds(30)).until(() -> this.tasks.status(later).state() == TaskState.CANCELLED);

			visit("workflows");
			until((driver) -> text("workflows").contains(held.value()) && text("workflows").contains("order-fulfilment"));
			this.browser.findElement(By.linkText(held.value())).click();
			until((driver) -> drawnSteps().contains("hold-step") && text("steps").contains("RUNNING"));
			screenshot("dashboard-workflow.png");
			act("cancel workflow");
			this.flaky.release.countDown();
			await().atMost(Duration.ofSeconds(30)).until(() -> this.workflows.status(held).state() == WorkflowState.CANCELLED);
			visit("workflows");
			select("wf-state", "COMPLETED");
			until((driver) -> text("workflows").contains("COMPLETED") && !text("workflows").contains(held.value()));
			this.browser.findElement(By.cssSelector("#workflows a")).click();
			until((driver) -> drawnSteps().containsAll(List.of("reserve-stock", "charge-card", "close-order")));
			visit("workflows");
			select("wf-definition", FlakyTask.HOLD_FLOW);
			select("wf-state", "CANCELLED");
			until((driver) -> text("wf-page").equals("page 1 · 1 row") && text("workflows").contains(held.value()));
			select("wf-state", "COMPLETED");
			until((driver) -> text("wf-page").equals("page 1 · 0 rows") && !text("workflows").contains(held.value()));

			sendsSignal(signalled);

			visit("schedules");
			until((driver) -> text("schedules").contains("order-digest"));
			String schedule = this.schedules.list().stream().map((info) -> info.name())
				.filter((name) -> name.contains("order-digest")).findFirst().orElseThrow();
			String row = "#schedules tr[data-row='" + schedule + "'] ";
			act(row, "pause");
			await().atMost(Duration.ofSeconds(30)).until(() -> this.schedules.get(schedule).paused());
			until((driver) -> text("schedules").contains("paused"));
			act(row, "resume");
			await().atMost(Duration.ofSeconds(30)).until(() -> !this.schedules.get(schedule).paused());
			act(row, "trigger now");
			until((driver) -> text("notice").contains("triggered"));

			visit("config");
			until((driver) -> text("config").contains("orders.pricing"));

			for (Dimension size : List.of(new Dimension(1280, 800), new Dimension(420, 800))) {
				this.browser.manage().window().setSize(size);
				for (String page : PAGES) {
					visit(page);
					until((driver) -> !text("page").isBlank());
					assertThat(overflow()).as("page '%s' at %s scrolls sideways", page, size).isFalse();
					assertThat(this.browser.findElements(By.cssSelector("main section h2"))).isNotEmpty();
				}
			}
			assertThat(this.browser.findElements(By.cssSelector("nav a[href]"))).hasSize(6);
		}
		finally {
			waiter.shutdownNow();
		}
	}

	@Test
	void readOnlyVisitorsSeeNoActions() {
		login("viewer", "viewer");
		for (String page : PAGES) {
			visit(page);
			until((driver) -> text("status").equals("connected") && !text("page").isBlank());
			assertThat(this.browser.findElements(By.cssSelector("button[data-action]"))).isEmpty();
		}
		String settings = RestClient.create("http://localhost:" + this.port)
			.get()
			.uri("/zk-workflow/settings.json")
			.retrieve()
			.body(String.class);
		assertThat(settings).contains("\"canWrite\":false");
	}

	private ConfigurableApplicationContext startOther(String zookeeper) {
		return new SpringApplicationBuilder(SampleApplication.class).run("--server.port=0",
				"--zk-workflow.embedded.enabled=false", "--spring.cloud.zookeeper.connect-string=" + zookeeper,
				"--spring.task.scheduling.pool.size=2", "--zk-workflow.workflows.validate-handlers=false");
	}

	private void login(String user, String password) {
		this.browser.get("http://localhost:" + this.port + "/login");
		this.browser.findElement(By.name("username")).sendKeys(user);
		this.browser.findElement(By.name("password")).sendKeys(password);
		this.browser.findElement(By.cssSelector("button[type=submit]")).click();
		new WebDriverWait(this.browser, Duration.ofSeconds(15))
			.until((driver) -> !driver.getCurrentUrl().contains("/login"));
	}

	private void visit(String page) {
		this.browser.get("http://localhost:" + this.port + "/zk-workflow/#/" + page);
		until((driver) -> text("status").equals("connected"));
	}

	/** Click the action button, accept the confirmation, and wait for the endpoint's answer. */
	private String act(String action) {
		return act("", action);
	}

	private String act(String scope, String action) {
		retrying(() -> this.browser.findElement(By.cssSelector(scope + "button[data-action='" + action + "']")).click());
		this.wait.until(ExpectedConditions.alertIsPresent()).accept();
		until((driver) -> driver.findElement(By.id("notice")).isDisplayed() && text("notice").contains(actionName(action)));
		return text("notice");
	}

	/** The operation an action button runs, as the notice names it. */
	private static String actionName(String action) {
		return switch (action) {
			case "retry selected" -> "retry-dead-letters";
			case "delete selected" -> "delete-dead-letters";
			case "cancel workflow", "cancel" -> "cancel";
			case "trigger now" -> "trigger";
			case "send signal" -> "signal";
			default -> action.startsWith("purge all") ? "purge-dead-letters" : action;
		};
	}

	/** List the unserved tasks by state, ten a page: forward to the last page and back, by keyboard. */
	private void pagesForwardAndBack(List<String> listed) throws Exception {
		select("task-name", FlakyTask.UNSERVED);
		select("task-state", "PENDING");
		select("task-size", "10");
		List<List<String>> pages = new ArrayList<>();
		for (int page = 1; page <= 3; page++) {
			int expected = (page < 3) ? 10 : 3;
			String where = "page " + page + " · " + expected + " rows";
			until((driver) -> text("task-page").equals(where));
			pages.add(listedRows());
			if (page == 2) {
				screenshot("dashboard-tasks.png");
			}
			if (page < 3) {
				press("task-next");
			}
		}
		assertThat(this.browser.findElement(By.id("task-next")).isEnabled()).isFalse();
		// the index orders by the second of submit, then by id: a batch within one second comes back in id order
		assertThat(pages.stream().flatMap(List::stream).toList()).doesNotHaveDuplicates()
			.containsExactlyInAnyOrderElementsOf(listed);
		press("task-previous");
		until((driver) -> text("task-page").equals("page 2 · 10 rows") && listedRows().equals(pages.get(1)));
		press("task-previous");
		until((driver) -> text("task-page").equals("page 1 · 10 rows") && listedRows().equals(pages.get(0)));
		assertThat(this.browser.findElement(By.id("task-previous")).isEnabled()).isFalse();
		String first = pages.get(0).get(0);
		String payload = "row " + listed.indexOf(first);
		retrying(() -> this.browser.findElement(By.cssSelector("#task-list tr[data-row='" + first + "'] a")).click());
		until((driver) -> text("task-detail").contains("PENDING") && text("payload").contains(payload));
	}

	/** The signal form: a payload that is not JSON and an unknown name are refused as text; the right one is delivered. */
	private void sendsSignal(WorkflowId signalled) throws Exception {
		visit("workflow/" + signalled.value());
		until((driver) -> text("steps").contains("RUNNING") && this.browser.findElement(By.id("signal-form")).isDisplayed());
		type("signal-name", "console-go");
		type("signal-value", "{not json");
		this.browser.findElement(By.cssSelector("button[data-action='send signal']")).click();
		until((driver) -> text("signal-result").contains("not JSON"));
		this.browser.findElement(By.id("signal-name")).clear();
		type("signal-name", "no-such-signal");
		this.browser.findElement(By.id("signal-value")).clear();
		type("signal-value", "{\"ok\": true}");
		this.browser.findElement(By.cssSelector("button[data-action='send signal']")).click();
		this.wait.until(ExpectedConditions.alertIsPresent()).accept();
		until((driver) -> text("signal-result").contains("Refused") && text("signal-result").contains("console-go"));
		screenshot("dashboard-signal.png");
		this.browser.findElement(By.id("signal-name")).clear();
		type("signal-name", "console-go");
		act("send signal");
		until((driver) -> text("signal-result").equals("Signal console-go: DELIVERED"));
		await().atMost(Duration.ofSeconds(30))
			.until(() -> this.workflows.status(signalled).state() == WorkflowState.COMPLETED);
		until((driver) -> !this.browser.findElement(By.id("signal-form")).isDisplayed()
				&& text("signal-result").contains("DELIVERED"));
	}

	/** Focus a button and press it with the keyboard. */
	private void press(String id) {
		retrying(() -> this.browser.findElement(By.id(id)).sendKeys(org.openqa.selenium.Keys.ENTER));
	}

	@SuppressWarnings("unchecked")
	private List<String> listedRows() {
		return (List<String>) ((JavascriptExecutor) this.browser).executeScript(
				"return Array.from(document.querySelectorAll('#task-list tbody tr')).map((tr) => tr.dataset.row);");
	}

	private void pick(String list, TaskId id) {
		String box = "#" + list + " tr[data-row='" + id + "'] input.pick";
		retrying(() -> this.browser.findElement(By.cssSelector(box)).click());
		until((driver) -> this.browser.findElement(By.cssSelector(box)).isSelected());
	}

	private void type(String id, String text) {
		this.browser.findElement(By.id(id)).sendKeys(text);
	}

	private void select(String id, String value) {
		retrying(() -> new org.openqa.selenium.support.ui.Select(this.browser.findElement(By.id(id))).selectByValue(value));
	}

	/** Wait for a condition; on timeout, say what the page showed. */
	private void until(java.util.function.Function<WebDriver, Boolean> condition) {
		try {
			this.wait.until(condition::apply);
		}
		catch (org.openqa.selenium.TimeoutException ex) {
			throw new AssertionError("The page at " + this.browser.getCurrentUrl() + " never met the condition; it shows:\n"
					+ text("page") + "\nnotice: " + text("notice"), ex);
		}
	}

	private void retrying(Runnable action) {
		this.wait.ignoring(StaleElementReferenceException.class).ignoring(NoSuchElementException.class).until((driver) -> {
			action.run();
			return true;
		});
	}

	private String text(String id) {
		try {
			return this.browser.findElement(By.id(id)).getText();
		}
		catch (StaleElementReferenceException | NoSuchElementException ex) {
			return "";
		}
	}

	private long rows(String headingId) {
		Object count = ((JavascriptExecutor) this.browser).executeScript("const h = document.getElementById(arguments[0]);"
				+ "return h ? h.parentElement.querySelectorAll('tbody tr').length : 0;", headingId);
		return ((Number) count).longValue();
	}

	private boolean overflow() {
		return (Boolean) ((JavascriptExecutor) this.browser)
			.executeScript("return document.documentElement.scrollWidth > window.innerWidth + 1;");
	}

	@SuppressWarnings("unchecked")
	private List<String> drawnSteps() {
		return (List<String>) ((JavascriptExecutor) this.browser).executeScript(
				"return Array.from(document.querySelectorAll('svg.dag g.step')).map((g) => g.dataset.step);");
	}

	private void screenshot(String name) throws Exception {
		File shot = ((ChromeDriver) this.browser).getScreenshotAs(OutputType.FILE);
		Path target = Path.of("target", name);
		Files.createDirectories(target.getParent());
		Files.copy(shot.toPath(), target, StandardCopyOption.REPLACE_EXISTING);
	}

	@TestConfiguration(proxyBeanMethods = false)
	static class FlakyTaskConfiguration {

		@Bean
		FlakyTask flakyTask() {
			return new FlakyTask();
		}

		@Bean
		WorkflowDefinition holdFlow() {
			return WorkflowDefinition.named(FlakyTask.HOLD_FLOW).step("hold-step").build();
		}

		@Bean
		WorkflowDefinition signalFlow() {
			return WorkflowDefinition.named(FlakyTask.SIGNAL_FLOW)
				.step("console-noop")
				.waitFor("console-go", Duration.ofMinutes(10))
				.build();
		}

	}

	static class FlakyTask {

		static final String NAME = "flaky-demo";

		static final String HOLD_FLOW = "console-hold";

		static final String SIGNAL_FLOW = "console-signal";

		/** No instance serves it: its tasks stay pending, to be listed. */
		static final String UNSERVED = "console-listed";

		volatile boolean failing = true;

		final CountDownLatch release = new CountDownLatch(1);

		@WorkflowTask(name = NAME, maxAttempts = 1)
		public String run(String payload) {
			if (this.failing) {
				throw new IllegalStateException("failing on purpose: " + payload);
			}
			return "done";
		}

		@WorkflowTask(name = "console-noop")
		public String noop(Object input) {
			return "ready";
		}

		@WorkflowTask(name = "hold-step")
		public String hold(Object input) throws InterruptedException {
			this.release.await(60, TimeUnit.SECONDS);
			return "released";
		}

	}

}

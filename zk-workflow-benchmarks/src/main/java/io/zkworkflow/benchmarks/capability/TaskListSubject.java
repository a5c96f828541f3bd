package io.zkworkflow.benchmarks.capability;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;

import io.zkworkflow.benchmarks.BenchmarkContext;
import io.zkworkflow.benchmarks.BenchmarkTable;
import io.zkworkflow.benchmarks.ClosedLoopSubject;
import io.zkworkflow.benchmarks.Worker;
import io.zkworkflow.task.SubmitOptions;
import io.zkworkflow.task.TaskClient;
import io.zkworkflow.task.TaskPage;
import io.zkworkflow.task.TaskQuery;
import io.zkworkflow.task.TaskState;
import io.zkworkflow.test.ZkInstances;
import org.apache.curator.framework.CuratorFramework;
import org.apache.curator.framework.api.transaction.CuratorOp;
import org.jspecify.annotations.Nullable;

import org.springframework.context.ConfigurableApplicationContext;

/**
 * Latency of {@code TaskClient.list}, one page of {@value #PAGE} after another (the cursor
 * wraps to the start at the end), with 1,000, 10,000 or 100,000 pending tasks of the name,
 * built before measuring with bulk transactions of the operations {@code TaskClient.prepare}
 * returns (so each has its index entry); no worker runs. The {@code -dead} variant asks for
 * DEAD tasks, of which there are none: every call reads its whole scan budget and finds
 * nothing, the worst case of a state filter. The raw baseline lists a flat parent holding the
 * same number of children with one {@code getChildren}, as a listing without an index would.
 */
public final class TaskListSubject extends ClosedLoopSubject {

	static final int PAGE = 100;

	private final int size;

	private final boolean raw;

	private final boolean dead;

	private @Nullable ZkInstances instances;

	private @Nullable CuratorFramework client;

	private @Nullable TaskClient tasks;

	private @Nullable String cursor;

	private String root = "";

	private TaskListSubject(int size, boolean raw, boolean dead) {
		this.size = size;
		this.raw = raw;
		this.dead = dead;
	}

	/**
	 * Return the subjects: list at 1k (the table's baseline), 10k and 100k, the DEAD filter
	 * at 100k, and plain getChildren at 1k and 10k.
	 * @return the subjects, baseline first
	 */
	public static List<TaskListSubject> all() {
		return List.of(new TaskListSubject(1_000, false, false), new TaskListSubject(10_000, false, false),
				new TaskListSubject(100_000, false, false), new TaskListSubject(100_000, false, true),
				new TaskListSubject(1_000, true, false), new TaskListSubject(10_000, true, false));
	}

	@Override
	public String name() {
		String level = (this.size / 1000) + "k";
		return this.raw ? "zk.get-children-" + level : "zkworkflow.tasks-list" + (this.dead ? "-dead-" : "-") + level;
	}

	@Override
	public String measurement() {
		return this.raw ? "one getChildren of a flat parent with that many children"
				: "TaskClient.list, next page of " + PAGE + (this.dead ? ", state DEAD (none match)" : "");
	}

	@Override
	public BenchmarkTable table() {
		return BenchmarkTable.TASK_LIST;
	}

	@Override
	public void setup(BenchmarkContext context) throws Exception {
		this.root = context.path("zk-workflow");
		this.client = context.newClient();
		if (this.raw) {
			String parent = this.root + "/flat";
			this.client.create().creatingParentsIfNeeded().forPath(parent);
			BulkWrites.commit(this.client, batches(this.size, (i) -> List
				.of(this.client.transactionOp().create().forPath(parent + "/" + String.format("%019d_%d", i, i % 16)))));
			return;
		}
		String[] properties = { "zk-workflow.root-path=" + this.root, "zk-workflow.tasks.shards=16",
				"zk-workflow.tasks.max-pending=" + (2 * this.size + 10_000) };
		ZkInstances apps = AppInstances.on(context.connectString());
		this.instances = apps;
		ConfigurableApplicationContext producer = apps.start(TaskApps.producer(), properties);
		TaskClient client = producer.getBean(TaskClient.class);
		this.tasks = client;
		CuratorFramework curator = producer.getBean(CuratorFramework.class);
		for (int shard = 0; shard < 16; shard++) {
			for (String family : List.of("q", "data")) {
				curator.create()
					.orSetData()
					.creatingParentsIfNeeded()
					.forPath(this.root + "/tasks/" + TaskApps.NOOP + "/" + family + "/" + shard);
			}
		}
		BulkWrites.commit(curator, batches(this.size,
				(i) -> client.prepare(TaskApps.NOOP, new TaskItem(i, 0), SubmitOptions.none()).ops()));
	}

	@Override
	protected void operation(Worker worker) throws Exception {
		if (this.raw) {
			if (this.client == null || this.client.getChildren().forPath(this.root + "/flat").size() != this.size) {
				throw new IllegalStateException("the flat parent does not hold " + this.size + " children");
			}
			return;
		}
		TaskClient client = this.tasks;
		if (client == null) {
			throw new IllegalStateException("setup() did not run: no task client");
		}
		TaskQuery query = TaskQuery.named(TaskApps.NOOP).pageSize(PAGE).after(this.cursor);
		TaskPage page = client.list(this.dead ? query.inState(TaskState.DEAD) : query);
		this.cursor = page.nextCursor();
	}

	private static Iterator<List<CuratorOp>> batches(int count, IntOps ops) {
		return new Iterator<>() {

			private int made;

			@Override
			public boolean hasNext() {
				return this.made < count;
			}

			@Override
			public List<CuratorOp> next() {
				if (!hasNext()) {
					throw new NoSuchElementException();
				}
				List<CuratorOp> batch = new ArrayList<>();
				int end = Math.min(count, this.made + 200);
				try {
					for (int i = this.made; i < end; i++) {
						batch.addAll(ops.of(i));
					}
				}
				catch (Exception ex) {
					throw new IllegalStateException(ex);
				}
				this.made = end;
				return batch;
			}

		};
	}

	@Override
	protected String note() {
		return String.format("%,d %s", this.size, this.raw ? "children" : "pending tasks, 16 shards, 1 thread");
	}

	@Override
	public void tearDown() throws Exception {
		if (this.instances != null) {
			this.instances.close();
		}
		if (this.client != null) {
			BulkWrites.deleteTree(this.client, this.root);
		}
	}

	@FunctionalInterface
	private interface IntOps {

		List<CuratorOp> of(int index) throws Exception;

	}

}

package io.zkworkflow.task.internal;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import io.zkworkflow.task.PayloadTooLargeException;
import io.zkworkflow.task.PreparedTask;
import io.zkworkflow.task.SubmitResult;
import io.zkworkflow.task.TaskId;
import io.zkworkflow.task.TaskSubmission;
import io.zkworkflow.task.TaskSubmitException;
import io.zkworkflow.task.TooManyPendingTasksException;
import org.apache.curator.framework.CuratorFramework;
import org.apache.curator.framework.api.transaction.CuratorOp;
import org.apache.zookeeper.KeeperException;
import org.jspecify.annotations.Nullable;

/**
 * {@link ZkTaskClient#submitAll}: checks every element first (names, payloads, the batch size,
 * max-pending), reads the idempotency markers of all keyed elements at once, then hands the
 * new elements' transactions to a {@link MultiBatcher} in one go, so that they travel in a few
 * multis. Each element stays its own transaction: one refused (its key taken meanwhile by
 * another instance) is answered with the winner's task and the others are sent again without it.
 */
final class BatchSubmitter {

	/** Most elements of one batch: the prepared batch is held in memory until committed. */
	static final int MAX_ELEMENTS = 10_000;

	private static final long WAIT_SECONDS = 120;

	private final CuratorFramework curator;

	private final TaskPaths paths;

	private final SubmitCommitter committer;

	private final ZkTaskClient client;

	private final MultiBatcher batcher;

	BatchSubmitter(CuratorFramework curator, TaskPaths paths, SubmitCommitter committer, ZkTaskClient client) {
		this.committer = committer;
		this.curator = curator;
		this.paths = paths;
		this.client = client;
		this.batcher = new MultiBatcher(curator);
	}

	List<SubmitResult> submitAll(List<TaskSubmission> submissions) throws Exception {
		if (submissions.size() > MAX_ELEMENTS) {
			throw new TaskSubmitException("A batch of " + submissions.size() + " submissions is above the most "
					+ "submitAll takes (" + MAX_ELEMENTS + "); nothing was written. Split it into smaller batches.");
		}
		int size = submissions.size();
		PreparedTask[] prepared = new PreparedTask[size];
		// each element is observed as a single submit is, and stopped with its own outcome
		TaskTracing.Submit[] observed = new TaskTracing.Submit[size];
		// an element whose key an earlier element of the batch uses: the index of that element
		int[] firstWithKey = new int[size];
		Map<String, Integer> keys = new HashMap<>();
		SubmitResult[] results = new SubmitResult[size];
		try {
			for (int i = 0; i < size; i++) {
				TaskSubmission submission = submissions.get(i);
				prepared[i] = prepare(i, submission, observed);
				String key = submission.options().getIdempotencyKey();
				Integer index = i;
				firstWithKey[i] = (key != null) ? keys.computeIfAbsent(submission.name() + '\0' + key, (k) -> index)
						: -1;
			}
			readMarkers(submissions, firstWithKey, results);
			checkPending(submissions, firstWithKey, results);
			commit(submissions, firstWithKey, prepared, results);
			for (int i = 0; i < size; i++) {
				if (results[i] == null) {
					results[i] = new SubmitResult(results[firstWithKey[i]].id(), false);
				}
			}
		}
		catch (Exception | Error ex) {
			stopAll(observed, results, ex);
			throw ex;
		}
		stopAll(observed, results, null);
		return List.of(results);
	}

	/** Stop every element's observation: with its result, or failed with the batch's failure. */
	private static void stopAll(TaskTracing.Submit[] observed, SubmitResult[] results, @Nullable Throwable failure) {
		for (int i = 0; i < observed.length; i++) {
			if (observed[i] == null) {
				continue;
			}
			SubmitResult result = results[i];
			if (result != null) {
				observed[i].stop(result.id(), result.created() ? "submitted" : "existing", null);
			}
			else {
				observed[i].stop(null, "failed", failure);
			}
		}
	}

	private PreparedTask prepare(int index, TaskSubmission submission, TaskTracing.Submit[] observed) {
		try {
			ZkTaskClient.requireName(submission.name());
			observed[index] = this.client.startSubmit(submission.name());
			return this.client.prepare(submission.name(), submission.payload(), submission.options(),
					observed[index]);
		}
		catch (IllegalArgumentException ex) {
			throw new IllegalArgumentException(refused(index) + ex.getMessage(), ex);
		}
		catch (PayloadTooLargeException ex) {
			throw new PayloadTooLargeException(refused(index) + ex.getMessage());
		}
		catch (TaskSubmitException ex) {
			throw new TaskSubmitException(refused(index) + ex.getMessage(), ex);
		}
	}

	private static String refused(int index) {
		return "Element " + index + " of the batch was refused, nothing of the batch was written: ";
	}

	/** Answer the first element of every key already used with the task its marker names. */
	private void readMarkers(List<TaskSubmission> submissions, int[] firstWithKey, SubmitResult[] results) throws Exception {
		Map<Integer, CompletableFuture<@Nullable TaskId>> reads = new LinkedHashMap<>();
		for (int i = 0; i < submissions.size(); i++) {
			if (firstWithKey[i] == i) {
				TaskSubmission submission = submissions.get(i);
				reads.put(i, readMarker(submission.name(), submission.options().getIdempotencyKey()));
			}
		}
		for (Map.Entry<Integer, CompletableFuture<@Nullable TaskId>> read : reads.entrySet()) {
			TaskId existing = await(read.getValue());
			if (existing != null) {
				results[read.getKey()] = new SubmitResult(existing, false);
			}
		}
	}

	private CompletableFuture<@Nullable TaskId> readMarker(String name, @Nullable String key) throws Exception {
		CompletableFuture<@Nullable TaskId> result = new CompletableFuture<>();
		this.curator.getData().inBackground((curator, event) -> {
			KeeperException.Code code = KeeperException.Code.get(event.getResultCode());
			if (code == KeeperException.Code.OK) {
				result.complete(TaskId.parse(new String(event.getData(), StandardCharsets.UTF_8)));
			}
			else if (code == KeeperException.Code.NONODE) {
				result.complete(null);
			}
			else {
				result.completeExceptionally(KeeperException.create(code, event.getPath()));
			}
		}).forPath(this.paths.idMarker(name, key));
		return result;
	}

	/** Refuse the whole batch when its new elements would take a name above max-pending. */
	private void checkPending(List<TaskSubmission> submissions, int[] firstWithKey, SubmitResult[] results)
			throws Exception {
		Map<String, Integer> adding = new LinkedHashMap<>();
		for (int i = 0; i < submissions.size(); i++) {
			if (isNew(i, firstWithKey, results)) {
				adding.merge(submissions.get(i).name(), 1, Integer::sum);
			}
		}
		for (Map.Entry<String, Integer> entry : adding.entrySet()) {
			try {
				this.committer.checkPending(entry.getKey(), entry.getValue());
			}
			catch (TooManyPendingTasksException ex) {
				throw new TooManyPendingTasksException("The batch was refused, nothing of it was written: "
						+ ex.getMessage());
			}
		}
	}

	private static boolean isNew(int i, int[] firstWithKey, SubmitResult[] results) {
		return (firstWithKey[i] == -1 || firstWithKey[i] == i) && results[i] == null;
	}

	private void commit(List<TaskSubmission> submissions, int[] firstWithKey, PreparedTask[] prepared,
			SubmitResult[] results) throws Exception {
		List<Integer> sent = new ArrayList<>();
		List<List<CuratorOp>> transactions = new ArrayList<>();
		for (int i = 0; i < submissions.size(); i++) {
			if (isNew(i, firstWithKey, results)) {
				sent.add(i);
				transactions.add(prepared[i].ops());
			}
		}
		List<CompletableFuture<Void>> commits = this.batcher.submitAll(transactions);
		Exception firstFailure = null;
		int failed = 0;
		for (int n = 0; n < sent.size(); n++) {
			int i = sent.get(n);
			TaskSubmission submission = submissions.get(i);
			try {
				results[i] = committed(submission, prepared[i], commits.get(n));
			}
			catch (Exception ex) {
				failed++;
				firstFailure = (firstFailure != null) ? firstFailure : ex;
			}
		}
		if (firstFailure != null) {
			throw new TaskSubmitException(failed + " of the " + sent.size() + " new tasks of the batch could not be "
					+ "committed, the others were (each element is its own transaction). Sending the batch again "
					+ "is safe for elements with an idempotency key. First failure: " + firstFailure, firstFailure);
		}
	}

	private SubmitResult committed(TaskSubmission submission, PreparedTask prepared, CompletableFuture<Void> commit)
			throws Exception {
		String key = submission.options().getIdempotencyKey();
		try {
			await(commit);
		}
		catch (KeeperException ex) {
			Transactions.Failure failure = Transactions.failure(ex);
			if (key != null && failure != null && failure.index() == 0
					&& failure.code() == KeeperException.Code.NODEEXISTS) {
				// another submit took the key since it was read: answer with its task
				TaskId existing = this.committer.existingFor(submission.name(), key);
				if (existing != null) {
					return new SubmitResult(existing, false);
				}
			}
			throw ex;
		}
		this.committer.recordSubmitted(submission.name());
		return new SubmitResult(prepared.id(), true);
	}

	private static <T> T await(CompletableFuture<T> future) throws Exception {
		try {
			return future.get(WAIT_SECONDS, TimeUnit.SECONDS);
		}
		catch (ExecutionException ex) {
			if (ex.getCause() instanceof Exception cause) {
				throw cause;
			}
			throw ex;
		}
		catch (TimeoutException ex) {
			throw new KeeperException.OperationTimeoutException();
		}
	}

}

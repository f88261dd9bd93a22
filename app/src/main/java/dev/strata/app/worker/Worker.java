package dev.strata.app.worker;

import dev.strata.app.task.TaskKind;
import dev.strata.app.task.TaskKinds;
import dev.strata.app.task.TaskQueue;
import dev.strata.db.tables.records.TaskRecord;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Claims tasks one at a time, runs them, stores their artifacts, and retries failures until the task's
 * attempts are used up.
 */
public final class Worker {
    private final TaskQueue queue;
    private final TaskKinds kinds;
    private final String id;
    private final Duration lease;
    private final Consumer<String> log;

    public Worker(TaskQueue queue, TaskKinds kinds, String id, Duration lease, Consumer<String> log) {
        this.queue = queue;
        this.kinds = kinds;
        this.id = id;
        this.lease = lease;
        this.log = log;
    }

    /** Claims and runs one task; false when the queue had nothing to claim. */
    public boolean runOne() {
        int abandoned = queue.failAbandoned(lease);
        if (abandoned > 0) {
            log.accept(abandoned + " task(s) failed: their worker stopped during the last allowed attempt");
        }
        Optional<TaskRecord> claimed = queue.claim(id, lease);
        if (claimed.isEmpty()) {
            return false;
        }
        TaskRecord task = claimed.get();
        Optional<TaskKind> kind = kinds.find(task.getKind());
        try {
            if (kind.isEmpty()) {
                throw new IllegalStateException("no runner for kind '" + task.getKind() + "' in this worker");
            }
            Map<String, TaskKind.Artifact> artifacts = kind.get().run(task.getInput());
            if (queue.complete(task, artifacts)) {
                log.accept("task " + task.getId() + " (" + task.getKind() + ") done: " + artifacts.keySet());
            } else {
                log.accept("task " + task.getId() + " lost its claim; another worker owns it now");
            }
        } catch (Exception e) {
            String error = e.getClass().getSimpleName() + ": " + e.getMessage();
            queue.fail(task, error);
            log.accept("task " + task.getId() + " attempt " + task.getAttempts() + "/" + task.getMaxAttempts()
                    + " failed: " + error);
        }
        return true;
    }

    /** Runs until stopped, sleeping {@code idle} between empty polls. */
    public void run(Duration idle, java.util.function.BooleanSupplier stopped) throws InterruptedException {
        while (!stopped.getAsBoolean()) {
            if (!runOne()) {
                Thread.sleep(idle.toMillis());
            }
        }
    }

    /** Drains the queue: runs tasks until none is left to claim; returns how many ran. */
    public int drain() {
        int ran = 0;
        while (runOne()) {
            ran++;
        }
        return ran;
    }
}

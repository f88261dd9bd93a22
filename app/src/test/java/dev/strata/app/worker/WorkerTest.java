package dev.strata.app.worker;

import static dev.strata.db.Tables.ARTIFACT;
import static dev.strata.db.Tables.TASK;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.strata.app.db.AppDatabase;
import dev.strata.app.task.TaskKind;
import dev.strata.app.task.TaskKinds;
import dev.strata.app.task.TaskQueue;
import dev.strata.db.tables.records.TaskRecord;
import dev.strata.engine.Target;
import dev.strata.testing.StrataDatabase;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.jooq.DSLContext;
import org.junit.jupiter.api.Test;

@StrataDatabase
class WorkerTest {

    /** Records every task a worker claims, so double claims are visible. */
    static final class Recording implements TaskKind {
        final List<Integer> seen = new CopyOnWriteArrayList<>();

        @Override
        public String name() {
            return "checksum";
        }

        @Override
        public Map<String, Artifact> run(String input) {
            seen.add(Integer.parseInt(input));
            return Map.of("echo.txt", new Artifact("text/plain", input));
        }
    }

    @Test
    void twoConcurrentWorkersNeverClaimTheSameTask(Target db) throws Exception {
        int tasks = 200;
        try (AppDatabase a = AppDatabase.open(db); AppDatabase b = AppDatabase.open(db)) {
            TaskQueue submit = new TaskQueue(a.dsl());
            for (int i = 0; i < tasks; i++) {
                submit.submit("checksum", Integer.toString(i));
            }
            Recording kind = new Recording();
            ExecutorService pool = Executors.newFixedThreadPool(2);
            Future<Integer> first = pool.submit(() -> worker(a, kind, "w-a").drain());
            Future<Integer> second = pool.submit(() -> worker(b, kind, "w-b").drain());
            int ran = first.get() + second.get();
            pool.shutdown();

            assertEquals(tasks, ran);
            assertEquals(tasks, kind.seen.size(), "every task ran exactly once");
            assertEquals(tasks, Set.copyOf(kind.seen).size(), "no task ran twice");
            assertEquals(tasks, a.dsl().fetchCount(TASK, TASK.STATUS.eq("done").and(TASK.ATTEMPTS.eq(1))));
            assertEquals(tasks, a.dsl().fetchCount(ARTIFACT));
            assertTrue(first.get() > 0 && second.get() > 0, "both workers took part: " + first.get() + "/" + second.get());
        }
    }

    @Test
    void failuresAreRetriedUntilAttemptsRunOut(DSLContext db) {
        AtomicInteger calls = new AtomicInteger();
        TaskKind flaky = new TaskKind() {
            @Override
            public String name() {
                return "checksum";
            }

            @Override
            public Map<String, Artifact> run(String input) {
                if (input.equals("always") || calls.incrementAndGet() < 3) {
                    throw new IllegalStateException("disk on fire");
                }
                return Map.of("ok.txt", new Artifact("text/plain", "ok"));
            }
        };
        TaskQueue queue = new TaskQueue(db);
        TaskRecord recovers = queue.submit("checksum", "eventually");
        TaskRecord gives = queue.submit(new TaskQueue.NewTask("checksum", "always", 0, 2, null)).task();
        Worker worker = new Worker(queue, new TaskKinds(List.of(flaky)), "w", Duration.ofMinutes(5), l -> { });

        worker.drain();

        TaskRecord done = queue.find(recovers.getId()).orElseThrow();
        assertEquals("done", done.getStatus());
        assertEquals(3, done.getAttempts());
        TaskRecord failed = queue.find(gives.getId()).orElseThrow();
        assertEquals("failed", failed.getStatus());
        assertEquals(2, failed.getAttempts());
        assertEquals("IllegalStateException: disk on fire", failed.getLastError());
        assertEquals(1, db.fetchCount(ARTIFACT));
    }

    @Test
    void higherPriorityIsClaimedFirstAndExpiredClaimsAreTakenOver(DSLContext db) {
        TaskQueue queue = new TaskQueue(db);
        queue.submit(new TaskQueue.NewTask("checksum", "low", 0, 3, null));
        TaskRecord urgent = queue.submit(new TaskQueue.NewTask("checksum", "high", 9, 3, null)).task();

        TaskRecord claimed = queue.claim("crashed-worker", Duration.ofMinutes(5)).orElseThrow();
        assertEquals(urgent.getId(), claimed.getId());
        TaskRecord next = queue.claim("w2", Duration.ofMinutes(5)).orElseThrow();
        assertEquals("low", next.getInput());
        assertTrue(queue.claim("w3", Duration.ofMinutes(5)).isEmpty(), "live claims are respected");
        TaskRecord takenOver = queue.claim("w3", Duration.ZERO.minusSeconds(1)).orElseThrow();
        assertEquals("w3", takenOver.getClaimedBy());
        assertEquals(2, takenOver.getAttempts());
    }

    @Test
    void aTaskWhoseWorkerKeepsCrashingEndsFailedWhenItsAttemptsAreUsedUp(DSLContext db) {
        TaskQueue queue = new TaskQueue(db);
        TaskRecord task = queue.submit(new TaskQueue.NewTask("checksum", "poison", 0, 2, null)).task();
        Duration expired = Duration.ZERO.minusSeconds(1);
        // Two workers claim it and die without a word (no complete, no fail): both attempts are used.
        assertEquals(1, queue.claim("crash-1", expired).orElseThrow().getAttempts());
        assertEquals(2, queue.claim("crash-2", expired).orElseThrow().getAttempts());

        Worker third = new Worker(queue, new TaskKinds(List.of(new Recording())), "w3", expired, l -> { });
        assertTrue(!third.runOne(), "nothing left to claim");
        TaskRecord after = queue.find(task.getId()).orElseThrow();
        assertEquals("failed", after.getStatus());
        assertEquals(2, after.getAttempts(), "never a third attempt");
        assertTrue(after.getLastError().contains("crash-2 stopped during attempt 2 of 2"), after.getLastError());
    }

    private static Worker worker(AppDatabase database, TaskKind kind, String id) {
        return new Worker(new TaskQueue(database.dsl()), new TaskKinds(List.of(kind)), id, Duration.ofMinutes(5), l -> { });
    }
}

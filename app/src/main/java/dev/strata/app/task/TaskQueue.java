package dev.strata.app.task;

import static dev.strata.db.Tables.ARTIFACT;
import static dev.strata.db.Tables.TASK;
import static org.jooq.impl.DSL.select;

import dev.strata.db.tables.records.ArtifactRecord;
import dev.strata.db.tables.records.TaskRecord;
import dev.strata.types.Timestamps;
import java.time.Duration;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.SQLDialect;
import org.jooq.exception.IntegrityConstraintViolationException;
import org.jooq.impl.DSL;

/** The task queue as the services see it: every query typed through the generated classes. */
public final class TaskQueue {
    public static final String QUEUED = "queued";
    public static final String RUNNING = "running";
    public static final String DONE = "done";
    public static final String FAILED = "failed";

    private final DSLContext db;

    public TaskQueue(DSLContext db) {
        this.db = db;
    }

    /** A submission; {@code idempotencyKey} may be null. */
    public record NewTask(String kind, String input, int priority, int maxAttempts, String idempotencyKey) {
    }

    /** The stored task and whether this call created it (false: an earlier submission with the same key). */
    public record Submitted(TaskRecord task, boolean created) {
    }

    public TaskRecord submit(String kind, String input) {
        return submit(new NewTask(kind, input, 0, 3, null)).task();
    }

    public Submitted submit(NewTask task) {
        if (task.idempotencyKey() != null) {
            Optional<TaskRecord> existing = byIdempotencyKey(task.idempotencyKey());
            if (existing.isPresent()) {
                return new Submitted(existing.get(), false);
            }
        }
        try {
            return new Submitted(db.insertInto(TASK)
                    .set(TASK.KIND, task.kind())
                    .set(TASK.INPUT, task.input())
                    .set(TASK.PRIORITY, task.priority())
                    .set(TASK.MAX_ATTEMPTS, task.maxAttempts())
                    .set(TASK.IDEMPOTENCY_KEY, task.idempotencyKey())
                    .returning().fetchOne(), true);
        } catch (IntegrityConstraintViolationException e) {
            // Another request with the same key won the race: answer with its task.
            return byIdempotencyKey(task.idempotencyKey()).map(t -> new Submitted(t, false)).orElseThrow(() -> e);
        }
    }

    private Optional<TaskRecord> byIdempotencyKey(String key) {
        return db.selectFrom(TASK).where(TASK.IDEMPOTENCY_KEY.eq(key)).fetchOptional();
    }

    public Optional<TaskRecord> find(long id) {
        return db.selectFrom(TASK).where(TASK.ID.eq(id)).fetchOptional();
    }

    public List<TaskRecord> queued(int limit) {
        return list(QUEUED, null, 0, limit);
    }

    /** Tasks by optional status and kind, oldest first, after id {@code afterId} (keyset paging). */
    public List<TaskRecord> list(String status, String kind, long afterId, int limit) {
        Condition where = TASK.ID.gt(afterId);
        if (status != null) {
            where = where.and(TASK.STATUS.eq(status));
        }
        if (kind != null) {
            where = where.and(TASK.KIND.eq(kind));
        }
        return db.selectFrom(TASK).where(where).orderBy(TASK.ID).limit(limit).fetch();
    }

    public List<ArtifactRecord> artifacts(long taskId) {
        return db.selectFrom(ARTIFACT).where(ARTIFACT.TASK_ID.eq(taskId)).orderBy(ARTIFACT.NAME).fetch();
    }

    /**
     * Atomically takes the most urgent queued task (or one whose claim expired after {@code lease}) for
     * {@code worker}: a single UPDATE, so no two workers, in any process, get the same task. SQLite has one
     * writer at a time; on PostgreSQL the candidate row is locked with SKIP LOCKED (a row another claimer
     * holds is passed over, not waited for and then re-claimed) and the UPDATE re-checks that it is claimable.
     */
    public Optional<TaskRecord> claim(String worker, Duration lease) {
        LocalDateTime now = now();
        Condition claimable = TASK.CANCEL_REQUESTED.isFalse().and(TASK.STATUS.eq(QUEUED)
                .or(TASK.STATUS.eq(RUNNING).and(TASK.CLAIMED_AT.lt(now.minus(lease)))
                        .and(TASK.ATTEMPTS.lt(TASK.MAX_ATTEMPTS))));
        var candidate = select(TASK.ID).from(TASK).where(claimable).orderBy(TASK.PRIORITY.desc(), TASK.ID).limit(1);
        return db.update(TASK)
                .set(TASK.STATUS, RUNNING)
                .set(TASK.CLAIMED_BY, worker)
                .set(TASK.CLAIMED_AT, now)
                .set(TASK.ATTEMPTS, TASK.ATTEMPTS.plus(1))
                .set(TASK.UPDATED_AT, now)
                .where(TASK.ID.eq(db.dialect().family() == SQLDialect.POSTGRES
                        ? candidate.forUpdate().skipLocked() : candidate).and(claimable))
                .returning().fetchOptional();
    }

    /**
     * Ends as {@code failed} every task whose worker stopped (claim older than {@code lease}) during its last
     * allowed attempt: a task that crashes its worker every time would otherwise be claimed for ever.
     */
    public int failAbandoned(Duration lease) {
        LocalDateTime now = now();
        return db.update(TASK)
                .set(TASK.STATUS, FAILED)
                .set(TASK.LAST_ERROR, DSL.concat(DSL.inline("worker "), DSL.coalesce(TASK.CLAIMED_BY, DSL.inline("?")),
                        DSL.inline(" stopped during attempt "), TASK.ATTEMPTS.cast(String.class), DSL.inline(" of "),
                        TASK.MAX_ATTEMPTS.cast(String.class), DSL.inline(" (its claim expired); no attempts left")))
                .set(TASK.CLAIMED_BY, (String) null)
                .set(TASK.UPDATED_AT, now)
                .where(TASK.STATUS.eq(RUNNING).and(TASK.CLAIMED_AT.lt(now.minus(lease)))
                        .and(TASK.ATTEMPTS.ge(TASK.MAX_ATTEMPTS)))
                .execute();
    }

    /** Stores the artifacts and marks the task done, in one transaction; false if the claim was lost. */
    public boolean complete(TaskRecord claimed, Map<String, TaskKind.Artifact> artifacts) {
        return db.transactionResult(tx -> {
            DSLContext t = tx.dsl();
            int updated = t.update(TASK).set(TASK.STATUS, DONE).set(TASK.LAST_ERROR, (String) null)
                    .set(TASK.UPDATED_AT, now())
                    .where(TASK.ID.eq(claimed.getId()).and(TASK.STATUS.eq(RUNNING))
                            .and(TASK.CLAIMED_BY.eq(claimed.getClaimedBy())))
                    .execute();
            if (updated == 0) {
                return false;
            }
            for (Map.Entry<String, TaskKind.Artifact> a : artifacts.entrySet()) {
                t.insertInto(ARTIFACT)
                        .set(ARTIFACT.TASK_ID, claimed.getId())
                        .set(ARTIFACT.NAME, a.getKey())
                        .set(ARTIFACT.MEDIA_TYPE, a.getValue().mediaType())
                        .set(ARTIFACT.CONTENT, a.getValue().content())
                        .onConflict(ARTIFACT.TASK_ID, ARTIFACT.NAME).doUpdate()
                        .set(ARTIFACT.MEDIA_TYPE, a.getValue().mediaType())
                        .set(ARTIFACT.CONTENT, a.getValue().content())
                        .execute();
            }
            return true;
        });
    }

    /** Records a failed attempt: queued again while attempts remain, else failed. */
    public void fail(TaskRecord claimed, String error) {
        db.update(TASK)
                .set(TASK.STATUS, DSL.when(TASK.ATTEMPTS.lt(TASK.MAX_ATTEMPTS), QUEUED).otherwise(FAILED))
                .set(TASK.LAST_ERROR, error)
                .set(TASK.CLAIMED_BY, (String) null)
                .set(TASK.UPDATED_AT, now())
                .where(TASK.ID.eq(claimed.getId()).and(TASK.CLAIMED_BY.eq(claimed.getClaimedBy())))
                .execute();
    }

    /** Now as the database's own defaults write it: UTC, to the second (see the README's type table). */
    static LocalDateTime now() {
        return Timestamps.now();
    }
}

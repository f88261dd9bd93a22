package dev.strata.engine;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import liquibase.changelog.ChangeSet;
import liquibase.changelog.DatabaseChangeLog;
import liquibase.changelog.visitor.AbstractChangeExecListener;
import liquibase.database.Database;

/** Reports each changeset as Liquibase applies or rolls it back, and remembers the one that failed. */
final class Progress extends AbstractChangeExecListener {
    private final Consumer<String> out;
    private final List<String> done = new ArrayList<>();
    private long started;
    private ChangeSet failed;

    Progress(Consumer<String> out) {
        this.out = out;
    }

    @Override
    public void willRun(ChangeSet changeSet, DatabaseChangeLog log, Database database, ChangeSet.RunStatus status) {
        started = System.nanoTime();
    }

    @Override
    public void ran(ChangeSet changeSet, DatabaseChangeLog log, Database database, ChangeSet.ExecType execType) {
        report(switch (execType) {
            case MARK_RAN -> "marked ran";
            case RERAN -> "re-ran";
            case SKIPPED -> "skipped";
            default -> "applied";
        }, changeSet);
    }

    @Override
    public void willRollback(ChangeSet changeSet, DatabaseChangeLog log, Database database) {
        started = System.nanoTime();
    }

    @Override
    public void rolledBack(ChangeSet changeSet, DatabaseChangeLog log, Database database) {
        report("rolled back", changeSet);
    }

    @Override
    public void runFailed(ChangeSet changeSet, DatabaseChangeLog log, Database database, Exception exception) {
        failed = changeSet;
    }

    @Override
    public void rollbackFailed(ChangeSet changeSet, DatabaseChangeLog log, Database database, Exception exception) {
        failed = changeSet;
    }

    private void report(String verb, ChangeSet changeSet) {
        done.add(changeSet.getId());
        long micros = (System.nanoTime() - started) / 1_000;
        // The id column is 40 wide after "applied"; longer verbs ("marked ran") take from it so files stay aligned.
        out.accept(String.format("  %s %-" + Math.max(1, 47 - verb.length()) + "s %s (%.1f ms)", verb, changeSet.getId(),
                changeSet.getFilePath(), micros / 1000.0));
    }

    List<String> done() {
        return done;
    }

    ChangeSet failed() {
        return failed;
    }
}

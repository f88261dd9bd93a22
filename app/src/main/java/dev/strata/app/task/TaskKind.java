package dev.strata.app.task;

import java.util.Map;

/** A kind of work the worker can do: from a task's input, the artifacts it produces (name → content). */
public interface TaskKind {
    String name();

    /** Runs the task; an exception is a failed attempt (retried while attempts remain). */
    Map<String, Artifact> run(String input) throws Exception;

    /** What a run produced under one name. */
    record Artifact(String mediaType, String content) {
    }
}

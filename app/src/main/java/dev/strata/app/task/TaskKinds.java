package dev.strata.app.task;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/** The kinds a deployment knows, by name. */
public final class TaskKinds {
    private final Map<String, TaskKind> byName = new TreeMap<>();

    public TaskKinds(Collection<? extends TaskKind> kinds) {
        kinds.forEach(k -> byName.put(k.name(), k));
    }

    public static TaskKinds standard() {
        return new TaskKinds(List.of(new WordCount(), new Checksum()));
    }

    public Optional<TaskKind> find(String name) {
        return Optional.ofNullable(byName.get(name));
    }

    public Collection<String> names() {
        return byName.keySet();
    }
}

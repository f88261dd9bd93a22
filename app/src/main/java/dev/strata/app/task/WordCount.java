package dev.strata.app.task;

import java.util.Map;

/** Counts lines, words and characters of the input, like {@code wc}. */
public final class WordCount implements TaskKind {
    @Override
    public String name() {
        return "word-count";
    }

    @Override
    public Map<String, Artifact> run(String input) {
        long lines = input.isEmpty() ? 0 : input.lines().count();
        String trimmed = input.strip();
        long words = trimmed.isEmpty() ? 0 : trimmed.split("\\s+").length;
        long characters = input.codePointCount(0, input.length());
        return Map.of("counts.json", new Artifact("application/json",
                "{\"lines\":" + lines + ",\"words\":" + words + ",\"characters\":" + characters + "}"));
    }
}

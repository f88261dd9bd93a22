package dev.strata.sqlite;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * What a change is meant to do to a table, as facts: which facts it may change (everything else must be
 * exactly as before) and what must hold afterwards. Checked after the change ran, before the changeset
 * commits: an unintended difference, or an intended one that did not happen, fails the changeset.
 */
final class Expectation {
    private final List<Predicate<Diff>> mayChange = new ArrayList<>();

    /** One fact that differs: its key and its value before and after (null where absent). */
    record Diff(String key, String before, String after) {
        /** The columns an index fact covers, from its {@code columns=(...)} value (the table name does not count). */
        boolean indexCovers(String column) {
            for (String value : new String[] {before, after}) {
                if (value != null) {
                    int start = value.indexOf("columns=(");
                    if (start >= 0 && TableDefinition.mentions(value.substring(start + 8, SqlTokens.closingParen(value, start + 8)), column)) {
                        return true;
                    }
                }
            }
            return false;
        }
    }
    private final List<Requirement> required = new ArrayList<>();

    private record Requirement(String description, Function<Facts, Boolean> holds) {
    }

    static Expectation none() {
        return new Expectation();
    }

    /** The facts about these columns: their definitions, the column order, and indexes, keys and CHECKs over them. */
    Expectation mayChangeColumns(List<String> columns) {
        mayChange.add(d -> d.key().equals("columns"));
        for (String column : columns) {
            String folded = Names.fold(column);
            mayChange.add(d -> d.key().equals("column:" + folded));
            mayChange.add(d -> d.key().startsWith("index:") && d.indexCovers(column));
            mayChange.add(d -> (d.key().startsWith("fk:") || d.key().startsWith("check:"))
                    && TableDefinition.mentions(d.key().substring(d.key().indexOf(':') + 1), column));
        }
        return this;
    }

    /** Indexes whose columns or WHERE clause name one of these columns (they go with a dropped column). */
    Expectation mayChangeIndexesOn(List<String> columns, Facts before) {
        for (String key : before.map().keySet()) {
            String value = before.get(key);
            int sql = value.indexOf(" sql=");
            if (key.startsWith("index:") && columns.stream().anyMatch(c -> new Diff(key, value, null).indexCovers(c)
                    || (sql >= 0 && NativeDropColumnGenerator.indexUses(value.substring(sql + 5), c)))) {
                mayChange.add(d -> d.key().equals(key));
            }
        }
        return this;
    }

    Expectation mayChange(Predicate<String> keys) {
        mayChange.add(d -> keys.test(d.key()));
        return this;
    }

    Expectation mayChangeKey(String key) {
        return mayChange(key::equals);
    }

    Expectation require(String description, Function<Facts, Boolean> holds) {
        required.add(new Requirement(description, holds));
        return this;
    }

    Expectation requireColumn(String column, String description, Predicate<String> value) {
        return require(description, f -> {
            String facts = f.get("column:" + Names.fold(column));
            return facts != null && value.test(facts);
        });
    }

    /** The problems found, one line each; empty when the table is exactly what was intended. */
    List<String> problems(Facts before, Facts after) {
        List<String> problems = new ArrayList<>();
        for (String key : Facts.differences(before, after)) {
            Diff diff = new Diff(key, before.get(key), after.get(key));
            if (mayChange.stream().noneMatch(p -> p.test(diff))) {
                problems.add(describe(key, before.get(key), after.get(key)));
            }
        }
        for (Requirement r : required) {
            if (!r.holds().apply(after)) {
                problems.add("expected " + r.description() + ", but it is not so");
            }
        }
        return problems;
    }

    private static String describe(String key, String before, String after) {
        String what = key.replaceFirst("^object:(\\w+):", "$1 ").replace(':', ' ');
        if (after == null) {
            return what + " would be lost (was: " + before + ")";
        }
        if (before == null) {
            return what + " would appear unasked (" + after + ")";
        }
        return what + " would change from [" + before + "] to [" + after + "]";
    }
}

package dev.strata.engine;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * How a live schema differs from the one its recorded changesets produce, object by object (tables,
 * indexes, views, triggers), both in {@link SchemaText}'s normalised form.
 *
 * @param expected the statements the recorded changesets produce
 * @param actual   the statements of the live database
 */
public record Drift(List<String> expected, List<String> actual, List<Difference> differences) {
    private static final Pattern OBJECT = Pattern.compile("(?i)^CREATE\\s+(?:UNIQUE\\s+|VIRTUAL\\s+)?"
            + "(TABLE|INDEX|VIEW|TRIGGER)\\s+(?:IF\\s+NOT\\s+EXISTS\\s+)?(\"(?:[^\"]|\"\")+\"|`[^`]+`|\\[[^]]+]|[^\\s(]+)");

    /** One object that is missing, extra, or defined otherwise; {@code missing}/{@code extra} name its parts. */
    public record Difference(String kind, String object, String expected, String actual, List<String> missing,
                             List<String> extra) {
        /** One line: what differs about this object. */
        public String line() {
            if (!kind.equals("changed")) {
                return kind + " " + object;
            }
            List<String> parts = new ArrayList<>();
            missing.forEach(p -> parts.add("missing " + p));
            extra.forEach(p -> parts.add("extra " + p));
            return "changed " + object + (parts.isEmpty() ? ": definition differs" : ": " + String.join(", ", parts));
        }
    }

    /** Compares object by object; the order of statements does not matter, their text does. */
    public static Drift between(List<String> expected, List<String> actual) {
        Map<String, String> was = byObject(expected);
        Map<String, String> now = byObject(actual);
        List<Difference> differences = new ArrayList<>();
        was.forEach((key, sql) -> {
            String object = objectOf(sql);
            String live = now.get(key);
            if (live == null) {
                differences.add(new Difference("missing", object, sql, null, List.of(), List.of()));
            } else if (!live.equals(sql)) {
                // Columns and constraints of a table are named; any other object is just "definition differs".
                List<String> a = outerParenthesis(sql) < 0 ? List.of() : parts(sql);
                List<String> b = outerParenthesis(live) < 0 ? List.of() : parts(live);
                differences.add(new Difference("changed", object, sql, live,
                        describe(a.stream().filter(p -> !b.contains(p)).toList()),
                        describe(b.stream().filter(p -> !a.contains(p)).toList())));
            }
        });
        now.forEach((key, sql) -> {
            if (!was.containsKey(key)) {
                differences.add(new Difference("extra", objectOf(sql), null, sql, List.of(), List.of()));
            }
        });
        return new Drift(List.copyOf(expected), List.copyOf(actual), List.copyOf(differences));
    }

    public boolean none() {
        return differences.isEmpty();
    }

    /** The first {@code max} differences on one line, with how many more there are. */
    public String summary(int max) {
        List<String> lines = differences.stream().limit(max).map(Difference::line).toList();
        String more = differences.size() > max ? " (and " + (differences.size() - max) + " more)" : "";
        return String.join("; ", lines) + more;
    }

    /** A short unified diff: each differing object, its definition one column or constraint a line. */
    public String unifiedDiff(String expectedLabel, String actualLabel) {
        StringBuilder out = new StringBuilder("--- ").append(expectedLabel).append('\n')
                .append("+++ ").append(actualLabel).append('\n');
        for (Difference d : differences) {
            out.append("@@ ").append(d.kind()).append(' ').append(d.object()).append(" @@\n");
            List<String> a = d.expected() == null ? List.of() : lines(d.expected());
            List<String> b = d.actual() == null ? List.of() : lines(d.actual());
            for (String line : LineDiff.of(a, b)) {
                out.append(line).append('\n');
            }
        }
        return out.toString();
    }

    /** "table task" for a CREATE TABLE statement (names unquoted, case as written). */
    static String objectOf(String statement) {
        Matcher m = OBJECT.matcher(statement);
        if (!m.find()) {
            return statement;
        }
        String name = m.group(2);
        if (name.length() > 1 && "\"`[".indexOf(name.charAt(0)) >= 0) {
            name = name.substring(1, name.length() - 1).replace("\"\"", "\"");
        }
        return m.group(1).toLowerCase(Locale.ROOT) + " " + name;
    }

    /** Statements by object, keyed case-insensitively as SQLite names are. */
    private static Map<String, String> byObject(List<String> statements) {
        Map<String, String> result = new LinkedHashMap<>();
        for (String statement : statements) {
            result.put(objectOf(statement).toLowerCase(Locale.ROOT), statement);
        }
        return result;
    }

    /** "column priority INTEGER …" or "constraint …" for each top-level part of a table definition. */
    private static List<String> describe(List<String> parts) {
        return parts.stream().map(p -> p.matches("(?i)^(CONSTRAINT|PRIMARY|UNIQUE|CHECK|FOREIGN)\\b.*")
                ? "constraint " + p : "column " + p).toList();
    }

    /** A table's columns and constraints (top-level commas inside its outer parentheses); else the statement. */
    static List<String> parts(String statement) {
        int open = outerParenthesis(statement);
        List<Integer> cuts = open < 0 ? List.of() : cuts(statement, open);
        if (cuts.isEmpty()) {
            return List.of(statement);
        }
        List<String> parts = new ArrayList<>();
        int start = open + 1;
        for (int cut : cuts) {
            parts.add(statement.substring(start, cut).strip());
            start = cut + 1;
        }
        return parts;
    }

    /** The top-level commas after {@code open}, then its closing parenthesis; empty when it is never closed. */
    private static List<Integer> cuts(String statement, int open) {
        List<Integer> cuts = new ArrayList<>();
        int depth = 0;
        char quote = 0;
        for (int i = open; i < statement.length(); i++) {
            char c = statement.charAt(i);
            if (quote != 0) {
                if (c == quote) {
                    quote = 0;
                }
            } else if (c == '\'' || c == '"' || c == '`') {
                quote = c;
            } else if (c == '[') {
                quote = ']';
            } else if (c == '(') {
                depth++;
            } else if (c == ')' && --depth == 0) {
                cuts.add(i);
                return cuts;
            } else if (c == ',' && depth == 1) {
                cuts.add(i);
            }
        }
        return List.of();
    }

    /** The statement split for display: head, one part a line, tail. */
    private static List<String> lines(String statement) {
        int open = outerParenthesis(statement);
        List<Integer> cuts = open < 0 ? List.of() : cuts(statement, open);
        if (cuts.isEmpty()) {
            return List.of(statement);
        }
        List<String> parts = parts(statement);
        List<String> lines = new ArrayList<>();
        lines.add(statement.substring(0, open + 1));
        for (int i = 0; i < parts.size(); i++) {
            lines.add("  " + parts.get(i) + (i < parts.size() - 1 ? "," : ""));
        }
        lines.add(statement.substring(cuts.get(cuts.size() - 1)));
        return lines;
    }

    /** The opening parenthesis of a CREATE TABLE's definition, or -1 for other statements. */
    private static int outerParenthesis(String statement) {
        if (!statement.regionMatches(true, 0, "CREATE TABLE", 0, "CREATE TABLE".length())) {
            return -1;
        }
        Matcher m = OBJECT.matcher(statement);
        if (!m.find()) {
            return -1;
        }
        int open = statement.indexOf('(', m.end());
        return open >= 0 && statement.substring(m.end(), open).isBlank() ? open : -1;
    }
}

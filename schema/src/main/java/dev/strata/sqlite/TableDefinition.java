package dev.strata.sqlite;

import dev.strata.sqlite.SqlTokens.Kind;
import dev.strata.sqlite.SqlTokens.Token;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.Predicate;

/**
 * A SQLite table's CREATE TABLE statement as columns (name, type, constraint clauses) and table
 * constraints, editable one piece at a time and rendered back as a new CREATE TABLE. What is not
 * touched (CHECKs, COLLATE, conflict clauses, AUTOINCREMENT, WITHOUT ROWID) is carried over as written.
 */
final class TableDefinition {
    private static final Set<String> CLAUSE_STARTS = Set.of("CONSTRAINT", "PRIMARY", "NOT", "NULL", "UNIQUE",
            "CHECK", "DEFAULT", "COLLATE", "REFERENCES", "GENERATED", "AS");
    private static final Set<String> TABLE_CONSTRAINTS = Set.of("CONSTRAINT", "PRIMARY", "UNIQUE", "CHECK", "FOREIGN");

    /** One constraint clause of a column, e.g. {@code CONSTRAINT fk_x REFERENCES t(id) ON DELETE CASCADE}. */
    record Clause(String kind, String name, List<Token> tokens) {
        String render() {
            return (name != null ? "CONSTRAINT " + SqlTokens.quote(name) + " " : "") + SqlTokens.render(tokens);
        }
    }

    static final class Column {
        final String name;
        List<Token> type;
        final List<Clause> clauses;

        Column(String name, List<Token> type, List<Clause> clauses) {
            this.name = name;
            this.type = type;
            this.clauses = clauses;
        }

        boolean has(String kind) {
            return clauses.stream().anyMatch(c -> c.kind().equals(kind));
        }

        String render() {
            StringBuilder out = new StringBuilder(SqlTokens.quote(name));
            if (!type.isEmpty()) {
                out.append(' ').append(SqlTokens.render(type));
            }
            for (Clause c : clauses) {
                out.append(' ').append(c.render());
            }
            return out.toString();
        }
    }

    /** A table constraint: PRIMARY KEY (...), UNIQUE (...), CHECK (...), FOREIGN KEY (...) REFERENCES ... */
    record Constraint(String kind, String name, List<String> columns, String sql) {
    }

    private final List<Column> columns = new ArrayList<>();
    private final List<Constraint> constraints = new ArrayList<>();
    private final String tail;

    private TableDefinition(String tail) {
        this.tail = tail;
    }

    static TableDefinition parse(String createSql) {
        int open = createSql.indexOf('(');
        int close = SqlTokens.closingParen(createSql, open);
        TableDefinition table = new TableDefinition(createSql.substring(close).strip());
        for (String element : SqlTokens.splitTopLevel(createSql.substring(open + 1, close - 1))) {
            List<Token> tokens = SqlTokens.tokenize(element);
            // An unquoted CONSTRAINT/PRIMARY/UNIQUE/CHECK/FOREIGN starts a table constraint, never a column.
            if (tokens.get(0).kind() == Kind.WORD && TABLE_CONSTRAINTS.contains(tokens.get(0).upper())) {
                table.constraints.add(constraint(tokens, element));
            } else {
                table.columns.add(column(tokens));
            }
        }
        return table;
    }

    String render(String tableName) {
        List<String> elements = new ArrayList<>();
        columns.forEach(c -> elements.add(c.render()));
        constraints.forEach(c -> elements.add(c.sql()));
        return "CREATE TABLE " + SqlTokens.quote(tableName) + " (" + String.join(", ", elements) + ")"
                + (tail.isEmpty() ? "" : " " + tail);
    }

    List<String> columnNames() {
        return columns.stream().map(c -> c.name).toList();
    }

    List<Constraint> constraints() {
        return constraints;
    }

    Column column(String name) {
        return columns.stream().filter(c -> c.name.equalsIgnoreCase(name)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no column " + name));
    }

    void setType(String name, String type) {
        column(name).type = SqlTokens.tokenize(type);
    }

    void setNotNull(String name, boolean notNull, String constraintName) {
        Column column = column(name);
        column.clauses.removeIf(c -> c.kind().equals("NOT NULL") || c.kind().equals("NULL"));
        if (notNull) {
            column.clauses.add(new Clause("NOT NULL", constraintName, SqlTokens.tokenize("NOT NULL")));
        }
    }

    void setDefault(String name, String defaultSql) {
        Column column = column(name);
        column.clauses.removeIf(c -> c.kind().equals("DEFAULT"));
        if (defaultSql != null) {
            column.clauses.add(new Clause("DEFAULT", null, SqlTokens.tokenize("DEFAULT " + defaultSql)));
        }
    }

    void addColumn(String columnSql) {
        columns.add(column(SqlTokens.tokenize(columnSql)));
    }

    /** Removes the column and every table constraint that names it. */
    void dropColumn(String name) {
        columns.remove(column(name));
        constraints.removeIf(c -> c.columns().stream().anyMatch(name::equalsIgnoreCase)
                || (c.kind().equals("CHECK") && mentions(c.sql(), name)));
    }

    void addConstraint(String kind, String name, List<String> columnNames, String sql) {
        constraints.add(new Constraint(kind, name, columnNames, sql));
    }

    /**
     * Removes constraints of {@code kind} (PRIMARY, UNIQUE, FOREIGN) named {@code name}, or any of that kind
     * when {@code name} is null; returns how many were removed (table constraints and column clauses).
     */
    int dropConstraint(String kind, String name) {
        Predicate<String> named = n -> name == null || (n != null && n.equalsIgnoreCase(name));
        int before = count();
        constraints.removeIf(c -> c.kind().equals(kind) && named.test(c.name()));
        String clauseKind = kind.equals("FOREIGN") ? "REFERENCES" : kind;
        for (Column column : columns) {
            column.clauses.removeIf(c -> c.kind().equals(clauseKind) && named.test(c.name()));
        }
        return before - count();
    }

    /** Columns of the primary key, as declared (column clause or table constraint). */
    List<String> primaryKey() {
        for (Constraint c : constraints) {
            if (c.kind().equals("PRIMARY")) {
                return c.columns();
            }
        }
        return columns.stream().filter(c -> c.has("PRIMARY")).map(c -> c.name).toList();
    }

    private int count() {
        return constraints.size() + columns.stream().mapToInt(c -> c.clauses.size()).sum();
    }

    static boolean mentions(String sql, String name) {
        for (Token t : SqlTokens.tokenize(sql)) {
            if ((t.kind() == Kind.WORD || t.kind() == Kind.QUOTED) && t.name().equalsIgnoreCase(name)) {
                return true;
            }
            if (t.kind() == Kind.GROUP && mentions(t.text().substring(1, t.text().length() - 1), name)) {
                return true;
            }
        }
        return false;
    }

    private static Constraint constraint(List<Token> tokens, String sql) {
        int i = 0;
        String name = null;
        if (tokens.get(0).is("CONSTRAINT")) {
            name = tokens.get(1).name();
            i = 2;
        }
        String kind = tokens.get(i).upper();
        List<String> cols = new ArrayList<>();
        for (int j = i + 1; j < tokens.size(); j++) {
            if (tokens.get(j).kind() == Kind.GROUP) {
                if (!kind.equals("CHECK")) {
                    String inner = tokens.get(j).text();
                    for (String part : SqlTokens.splitTopLevel(inner.substring(1, inner.length() - 1))) {
                        cols.add(SqlTokens.tokenize(part).get(0).name());
                    }
                }
                break;
            }
        }
        return new Constraint(kind, name, cols, SqlTokens.render(tokens));
    }

    private static Column column(List<Token> tokens) {
        String name = tokens.get(0).name();
        int i = 1;
        List<Token> type = new ArrayList<>();
        while (i < tokens.size() && !(tokens.get(i).kind() == Kind.WORD && CLAUSE_STARTS.contains(tokens.get(i).upper()))) {
            type.add(tokens.get(i));
            i++;
        }
        List<Clause> clauses = new ArrayList<>();
        while (i < tokens.size()) {
            String constraintName = null;
            if (tokens.get(i).is("CONSTRAINT") && i + 1 < tokens.size()) {
                constraintName = tokens.get(i + 1).name();
                i += 2;
                if (i >= tokens.size()) {
                    break;
                }
            }
            int start = i;
            String kind = tokens.get(i).upper();
            i++;
            if (kind.equals("NOT") && i < tokens.size() && tokens.get(i).is("NULL")) {
                kind = "NOT NULL";
                i++;
            }
            if (kind.equals("DEFAULT")) {
                if (i < tokens.size() && tokens.get(i).kind() == Kind.PUNCT) {
                    i++;
                }
                i++;
            } else {
                while (i < tokens.size() && !startsClause(kind, tokens, i)) {
                    i++;
                }
            }
            i = Math.min(i, tokens.size());
            clauses.add(new Clause(kind.equals("AS") ? "GENERATED" : kind, constraintName,
                    new ArrayList<>(tokens.subList(start, i))));
        }
        return new Column(name, type, clauses);
    }

    private static boolean startsClause(String kind, List<Token> tokens, int i) {
        Token t = tokens.get(i);
        if (t.kind() != Kind.WORD || !CLAUSE_STARTS.contains(t.upper())) {
            return false;
        }
        Token previous = tokens.get(i - 1);
        if (kind.equals("REFERENCES")) {
            // ON DELETE SET NULL / SET DEFAULT, NOT DEFERRABLE belong to the foreign key clause.
            if ((t.is("NULL") || t.is("DEFAULT")) && previous.is("SET")) {
                return false;
            }
            if (t.is("NOT") && i + 1 < tokens.size() && tokens.get(i + 1).is("DEFERRABLE")) {
                return false;
            }
        }
        if (kind.equals("GENERATED") && t.is("AS")) {
            return false;
        }
        return true;
    }

    @Override
    public String toString() {
        return render("?").toLowerCase(Locale.ROOT);
    }
}

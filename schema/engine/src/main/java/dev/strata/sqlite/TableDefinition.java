package dev.strata.sqlite;

import dev.strata.sqlite.SqlTokens.Kind;
import dev.strata.sqlite.SqlTokens.Token;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;

/**
 * A SQLite table's stored CREATE TABLE statement as columns (name, type, constraint clauses) and table
 * constraints, editable one piece at a time. Rendering splices only what was edited into the stored text:
 * every untouched column, clause, constraint, comment and separator is copied byte for byte, and an
 * unedited definition renders to exactly the stored statement.
 */
final class TableDefinition {
    private static final Set<String> CLAUSE_STARTS = Set.of("CONSTRAINT", "PRIMARY", "NOT", "NULL", "UNIQUE",
            "CHECK", "DEFAULT", "COLLATE", "REFERENCES", "GENERATED", "AS");
    private static final Set<String> TABLE_CONSTRAINTS = Set.of("CONSTRAINT", "PRIMARY", "UNIQUE", "CHECK", "FOREIGN");

    /** One constraint clause of a column, e.g. {@code CONSTRAINT fk_x REFERENCES t(id) ON DELETE CASCADE}, as written. */
    record Clause(String kind, String name, String text, List<Token> tokens) {
        static Clause of(String kind, String name, String text) {
            return new Clause(kind, name, text, SqlTokens.tokenize(text));
        }
    }

    /** A column or a table constraint, with the source text that separated it from the one before. */
    abstract static class Element {
        String separator;
        String original;

        abstract String render();
    }

    static final class Column extends Element {
        final String name;
        private final String nameText;
        private String type;
        final List<Clause> clauses;
        private boolean edited;

        Column(String name, String nameText, String type, List<Clause> clauses) {
            this.name = name;
            this.nameText = nameText;
            this.type = type;
            this.clauses = clauses;
        }

        boolean has(String kind) {
            return clauses.stream().anyMatch(c -> c.kind().equals(kind));
        }

        String type() {
            return type;
        }

        void edit() {
            edited = true;
        }

        @Override
        String render() {
            if (original != null && !edited) {
                return original;
            }
            StringBuilder out = new StringBuilder(nameText);
            if (!type.isEmpty()) {
                out.append(' ').append(type);
            }
            for (Clause c : clauses) {
                out.append(' ').append(c.text());
            }
            return out.toString();
        }
    }

    /** A table constraint: PRIMARY KEY (...), UNIQUE (...), CHECK (...), FOREIGN KEY (...) REFERENCES ... */
    static final class Constraint extends Element {
        final String kind;
        final String name;
        final List<String> columns;
        final String sql;

        Constraint(String kind, String name, List<String> columns, String sql) {
            this.kind = kind;
            this.name = name;
            this.columns = columns;
            this.sql = sql;
        }

        String kind() {
            return kind;
        }

        String name() {
            return name;
        }

        List<String> columns() {
            return columns;
        }

        String sql() {
            return sql;
        }

        @Override
        String render() {
            return sql;
        }
    }

    private final String source;
    private final String head;
    private final String leading;
    private final String trailing;
    private final String tail;
    private final List<Element> elements = new ArrayList<>();

    private TableDefinition(String source, String head, String leading, String trailing, String tail) {
        this.source = source;
        this.head = head;
        this.leading = leading;
        this.trailing = trailing;
        this.tail = tail;
    }

    static TableDefinition parse(String createSql) {
        Token group = SqlTokens.tokenize(createSql).stream().filter(t -> t.kind() == Kind.GROUP).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no column list in " + createSql));
        List<Token> inside = group.inside();
        List<List<Token>> parts = SqlTokens.splitAtCommas(inside);
        int bodyStart = group.start() + 1;
        int bodyEnd = group.end() - 1;
        if (createSql.charAt(bodyEnd) != ')') {
            throw new IllegalArgumentException("unterminated column list in " + createSql);
        }
        int firstStart = parts.isEmpty() || parts.get(0).isEmpty() ? bodyEnd : parts.get(0).get(0).start();
        List<Token> lastPart = parts.isEmpty() ? List.of() : parts.get(parts.size() - 1);
        int lastEnd = lastPart.isEmpty() ? bodyEnd : lastPart.get(lastPart.size() - 1).end();
        TableDefinition table = new TableDefinition(createSql, createSql.substring(0, bodyStart),
                createSql.substring(bodyStart, firstStart), createSql.substring(lastEnd, bodyEnd),
                createSql.substring(bodyEnd));
        int previousEnd = -1;
        for (List<Token> tokens : parts) {
            if (tokens.isEmpty()) {
                throw new IllegalArgumentException("empty element in " + createSql);
            }
            Element element = tokens.get(0).kind() == Kind.WORD && TABLE_CONSTRAINTS.contains(tokens.get(0).upper())
                    ? constraint(tokens) : column(tokens);
            element.original = SqlTokens.span(tokens);
            element.separator = previousEnd < 0 ? null : createSql.substring(previousEnd, tokens.get(0).start());
            previousEnd = tokens.get(tokens.size() - 1).end();
            table.elements.add(element);
        }
        return table;
    }

    /** The CREATE TABLE statement with the edits spliced in; the unedited parts exactly as stored. */
    String render() {
        StringBuilder out = new StringBuilder(head).append(leading);
        boolean first = true;
        for (Element e : elements) {
            if (!first) {
                out.append(e.separator != null ? e.separator : ", ");
            }
            out.append(e.render());
            first = false;
        }
        return out.append(trailing).append(tail).toString();
    }

    /** True when parsing and rendering reproduce the stored statement exactly (checked before any edit is trusted). */
    boolean roundTrips() {
        return TableDefinition.parse(source).render().equals(source);
    }

    boolean withoutRowid() {
        List<Token> t = SqlTokens.tokenize(tail);
        for (int i = 0; i + 1 < t.size(); i++) {
            if (t.get(i).is("WITHOUT") && t.get(i + 1).is("ROWID")) {
                return true;
            }
        }
        return false;
    }

    /** Whether a column's PRIMARY KEY clause says AUTOINCREMENT (the only place SQLite allows it). */
    boolean autoincrement() {
        return columns().stream().anyMatch(c -> c.clauses.stream()
                .anyMatch(cl -> cl.tokens().stream().anyMatch(t -> t.is("AUTOINCREMENT"))));
    }

    boolean strict() {
        return SqlTokens.tokenize(tail).stream().anyMatch(t -> t.is("STRICT"));
    }

    List<Column> columns() {
        return elements.stream().filter(Column.class::isInstance).map(Column.class::cast).toList();
    }

    List<String> columnNames() {
        return columns().stream().map(c -> c.name).toList();
    }

    List<Constraint> constraints() {
        return elements.stream().filter(Constraint.class::isInstance).map(Constraint.class::cast).toList();
    }

    boolean hasColumn(String name) {
        return columns().stream().anyMatch(c -> Names.same(c.name, name));
    }

    Column column(String name) {
        return columns().stream().filter(c -> Names.same(c.name, name)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no column " + name));
    }

    void setType(String name, String type) {
        Column column = column(name);
        column.type = type;
        column.edit();
    }

    void setNotNull(String name, boolean notNull, String constraintName) {
        Column column = column(name);
        column.clauses.removeIf(c -> c.kind().equals("NOT NULL") || c.kind().equals("NULL"));
        if (notNull) {
            column.clauses.add(Clause.of("NOT NULL", constraintName,
                    (constraintName != null ? "CONSTRAINT " + SqlTokens.quote(constraintName) + " " : "") + "NOT NULL"));
        }
        column.edit();
    }

    void setDefault(String name, String defaultSql) {
        Column column = column(name);
        column.clauses.removeIf(c -> c.kind().equals("DEFAULT"));
        if (defaultSql != null) {
            column.clauses.add(Clause.of("DEFAULT", null, "DEFAULT " + defaultSql));
        }
        column.edit();
    }

    /** Adds a column clause (e.g. {@code PRIMARY KEY AUTOINCREMENT}) to a column. */
    void addClause(String name, String kind, String text) {
        Column column = column(name);
        column.clauses.add(Clause.of(kind, null, text));
        column.edit();
    }

    /** Replaces the text of a column's first clause of {@code kind} (e.g. to add AUTOINCREMENT to its PRIMARY KEY). */
    void replaceClause(String name, String kind, String text) {
        Column column = column(name);
        for (int i = 0; i < column.clauses.size(); i++) {
            Clause c = column.clauses.get(i);
            if (c.kind().equals(kind)) {
                column.clauses.set(i, Clause.of(kind, c.name(), text));
                column.edit();
                return;
            }
        }
        throw new IllegalArgumentException("column " + name + " has no " + kind + " clause");
    }

    /** Adds a column after the last column, before the table constraints. */
    void addColumn(String columnSql) {
        Column column = column(SqlTokens.tokenize(columnSql));
        int at = 0;
        for (int i = 0; i < elements.size(); i++) {
            if (elements.get(i) instanceof Column) {
                at = i + 1;
            }
        }
        elements.add(at, column);
    }

    /**
     * Removes the column and what cannot outlive it, as PostgreSQL's DROP COLUMN does: table constraints
     * that name it, and CHECK clauses of other columns that mention it.
     */
    void dropColumn(String name) {
        elements.remove(column(name));
        elements.removeIf(e -> e instanceof Constraint c && (c.columns.stream().anyMatch(n -> Names.same(n, name))
                || (c.kind.equals("CHECK") && mentions(c.sql, name))));
        for (Column other : columns()) {
            if (other.clauses.removeIf(c -> c.kind().equals("CHECK") && mentions(c.text(), name))) {
                other.edit();
            }
        }
    }

    void addConstraint(String kind, String name, List<String> columnNames, String sql) {
        elements.add(new Constraint(kind, name, columnNames, sql));
    }

    /**
     * Removes constraints of {@code kind} (PRIMARY, UNIQUE, FOREIGN) named {@code name}, or any of that kind
     * when {@code name} is null; returns how many were removed (table constraints and column clauses).
     */
    int dropConstraint(String kind, String name) {
        Predicate<String> named = n -> name == null || (n != null && Names.same(n, name));
        return dropConstraints(kind, named, columns -> true);
    }

    /**
     * Removes one UNIQUE constraint over exactly these columns: the last table constraint (where
     * addUniqueConstraint puts them), else a column's UNIQUE clause. A second UNIQUE over the same columns,
     * declared with the table, stays.
     */
    int dropUniqueOn(List<String> columnNames) {
        for (int i = elements.size() - 1; i >= 0; i--) {
            if (elements.get(i) instanceof Constraint c && c.kind.equals("UNIQUE") && sameColumns(c.columns, columnNames)) {
                elements.remove(i);
                return 1;
            }
        }
        if (columnNames.size() == 1 && hasColumn(columnNames.get(0))) {
            Column column = column(columnNames.get(0));
            for (int i = column.clauses.size() - 1; i >= 0; i--) {
                if (column.clauses.get(i).kind().equals("UNIQUE")) {
                    column.clauses.remove(i);
                    column.edit();
                    return 1;
                }
            }
        }
        return 0;
    }

    private int dropConstraints(String kind, Predicate<String> named, Predicate<List<String>> over) {
        int removed = 0;
        for (Element e : List.copyOf(elements)) {
            if (e instanceof Constraint c && c.kind.equals(kind) && named.test(c.name) && over.test(c.columns)) {
                elements.remove(e);
                removed++;
            }
        }
        String clauseKind = kind.equals("FOREIGN") ? "REFERENCES" : kind;
        for (Column column : columns()) {
            int before = column.clauses.size();
            column.clauses.removeIf(c -> c.kind().equals(clauseKind) && named.test(c.name())
                    && over.test(List.of(column.name)));
            if (column.clauses.size() != before) {
                removed += before - column.clauses.size();
                column.edit();
            }
        }
        return removed;
    }

    static boolean sameColumns(List<String> a, List<String> b) {
        if (a.size() != b.size()) {
            return false;
        }
        for (int i = 0; i < a.size(); i++) {
            if (!Names.same(a.get(i), b.get(i))) {
                return false;
            }
        }
        return true;
    }

    /** Columns of the primary key, as declared (column clause or table constraint). */
    List<String> primaryKey() {
        for (Constraint c : constraints()) {
            if (c.kind.equals("PRIMARY")) {
                return c.columns;
            }
        }
        return columns().stream().filter(c -> c.has("PRIMARY")).map(c -> c.name).toList();
    }

    /** True when {@code sql} contains {@code name} as an identifier (ASCII case folded, quotes removed). */
    static boolean mentions(String sql, String name) {
        return mentions(SqlTokens.tokenize(sql), name);
    }

    static boolean mentions(List<Token> tokens, String name) {
        for (Token t : tokens) {
            if ((t.kind() == Kind.WORD || t.kind() == Kind.QUOTED) && Names.same(t.name(), name)) {
                return true;
            }
            if (t.kind() == Kind.GROUP && mentions(t.inside(), name)) {
                return true;
            }
        }
        return false;
    }

    private static Constraint constraint(List<Token> tokens) {
        int i = 0;
        String name = null;
        if (tokens.get(0).is("CONSTRAINT") && tokens.size() > 1) {
            name = tokens.get(1).name();
            i = 2;
        }
        String kind = i < tokens.size() ? tokens.get(i).upper() : "CONSTRAINT";
        List<String> cols = new ArrayList<>();
        for (int j = i + 1; j < tokens.size(); j++) {
            if (tokens.get(j).kind() == Kind.GROUP) {
                if (!kind.equals("CHECK")) {
                    for (List<Token> part : SqlTokens.splitAtCommas(tokens.get(j).inside())) {
                        if (!part.isEmpty()) {
                            cols.add(part.get(0).name());
                        }
                    }
                }
                break;
            }
        }
        return new Constraint(kind, name, cols, SqlTokens.span(tokens));
    }

    private static Column column(List<Token> tokens) {
        Token nameToken = tokens.get(0);
        int i = 1;
        while (i < tokens.size() && !(tokens.get(i).kind() == Kind.WORD && CLAUSE_STARTS.contains(tokens.get(i).upper()))) {
            i++;
        }
        String type = SqlTokens.span(tokens.subList(1, i));
        List<Clause> clauses = new ArrayList<>();
        while (i < tokens.size()) {
            int start = i;
            String constraintName = null;
            if (tokens.get(i).is("CONSTRAINT") && i + 1 < tokens.size()) {
                constraintName = tokens.get(i + 1).name();
                i += 2;
                if (i >= tokens.size()) {
                    clauses.add(Clause.of("CONSTRAINT", constraintName, SqlTokens.span(tokens.subList(start, i))));
                    break;
                }
            }
            String kind = tokens.get(i).upper();
            i++;
            if (kind.equals("NOT") && i < tokens.size() && tokens.get(i).is("NULL")) {
                kind = "NOT NULL";
                i++;
            }
            if (kind.equals("DEFAULT")) {
                if (i < tokens.size() && (tokens.get(i).isPunct("-") || tokens.get(i).isPunct("+"))) {
                    i++;
                }
                i++;
            } else {
                while (i < tokens.size() && !startsClause(kind, tokens, i)) {
                    i++;
                }
            }
            i = Math.min(i, tokens.size());
            List<Token> clause = tokens.subList(start, i);
            clauses.add(new Clause(kind.equals("AS") ? "GENERATED" : kind, constraintName, SqlTokens.span(clause),
                    List.copyOf(clause)));
        }
        return new Column(nameToken.name(), nameToken.text(), type, clauses);
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
        return render();
    }
}

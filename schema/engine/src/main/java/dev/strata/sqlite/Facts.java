package dev.strata.sqlite;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * Everything observable about one table and the rest of the schema, as SQLite itself reports it
 * (table_xinfo, index_list/index_xinfo, foreign_key_list, sqlite_sequence, sqlite_master), keyed so that
 * two snapshots can be compared fact by fact. Keys embed the columns they concern, e.g.
 * {@code index:auto-u(email)} or {@code fk:(user_id)->users(id)}, so a change can say which facts it may touch.
 */
final class Facts {
    private final String table;
    private final Map<String, String> facts;

    private Facts(String table, Map<String, String> facts) {
        this.table = table;
        this.facts = facts;
    }

    Map<String, String> map() {
        return facts;
    }

    String get(String key) {
        return facts.get(key);
    }

    String table() {
        return table;
    }

    /** The facts of {@code table} and the stored SQL of every other schema object. */
    static Facts of(Connection connection, String table) throws SQLException {
        Map<String, String> facts = new TreeMap<>();
        String sql = null;
        String name = table;
        for (String[] row : query(connection, "SELECT type, name, tbl_name, sql FROM sqlite_master WHERE name NOT LIKE"
                + " 'sqlite\\_%' ESCAPE '\\' ORDER BY type, name")) {
            if (row[0].equals("table") && Names.same(row[1], table)) {
                sql = row[3];
                name = row[1];
            } else if (!(Names.same(row[2], table) && (row[0].equals("index") || row[0].equals("trigger")))) {
                facts.put("object:" + row[0] + ":" + row[1], row[3]);
            }
        }
        if (sql == null) {
            facts.put("table", "absent");
            return new Facts(table, facts);
        }
        TableDefinition definition = TableDefinition.parse(sql);
        String q = SqlTokens.quote(name);
        List<String> order = new ArrayList<>();
        for (String[] c : query(connection, "SELECT name, type, \"notnull\", dflt_value, pk, hidden FROM pragma_table_xinfo("
                + literal(name) + ") ORDER BY cid")) {
            order.add(c[0]);
            String collate = definition.hasColumn(c[0]) ? collation(definition.column(c[0])) : "";
            facts.put("column:" + Names.fold(c[0]), "name=" + c[0] + " type=" + c[1] + " notnull=" + c[2] + " default="
                    + c[3] + " pk=" + c[4] + " hidden=" + c[5] + " collate=" + collate);
        }
        facts.put("columns", String.join(",", order));
        facts.put("rowid", rowid(definition));
        facts.put("strict", String.valueOf(definition.strict()));
        facts.put("autoincrement", String.valueOf(definition.autoincrement()));
        for (String[] index : query(connection, "SELECT name, \"unique\", origin, partial FROM pragma_index_list("
                + literal(name) + ")")) {
            List<String> cols = new ArrayList<>();
            for (String[] col : query(connection, "SELECT name, desc, coll FROM pragma_index_xinfo(" + literal(index[0])
                    + ") WHERE key = 1 ORDER BY seqno")) {
                cols.add((col[0] == null ? "<expr>" : SqlTokens.quote(col[0])) + (col[1].equals("1") ? " desc" : "")
                        + (col[2] == null || col[2].equalsIgnoreCase("BINARY") ? "" : " collate " + col[2]));
            }
            String columns = "(" + String.join(",", cols) + ")";
            boolean auto = index[0].startsWith("sqlite_autoindex_");
            String key = auto ? "index:auto-" + index[2] + columns : "index:" + index[0];
            String sqlOf = auto ? "" : " sql=" + single(connection, "SELECT sql FROM sqlite_master WHERE type = 'index'"
                    + " AND name = " + literal(index[0]));
            facts.merge(key, "unique=" + index[1] + " origin=" + index[2] + " partial=" + index[3] + " columns="
                    + columns + sqlOf, (a, b) -> a + " & " + b);
        }
        Map<Integer, String[]> fkHead = new LinkedHashMap<>();
        Map<Integer, List<String>> fkFrom = new LinkedHashMap<>();
        Map<Integer, List<String>> fkTo = new LinkedHashMap<>();
        for (String[] fk : query(connection, "SELECT id, seq, \"table\", \"from\", \"to\", on_update, on_delete, match"
                + " FROM pragma_foreign_key_list(" + literal(name) + ") ORDER BY id, seq")) {
            int id = Integer.parseInt(fk[0]);
            fkHead.putIfAbsent(id, fk);
            fkFrom.computeIfAbsent(id, k -> new ArrayList<>()).add(SqlTokens.quote(fk[3]));
            fkTo.computeIfAbsent(id, k -> new ArrayList<>()).add(fk[4] == null ? "<key>" : SqlTokens.quote(fk[4]));
        }
        for (Map.Entry<Integer, String[]> e : fkHead.entrySet()) {
            String[] fk = e.getValue();
            List<String> from = fkFrom.get(e.getKey());
            String key = "fk:(" + String.join(",", from) + ")->" + SqlTokens.quote(fk[2]) + "(" + String.join(",", fkTo.get(e.getKey())) + ")";
            facts.merge(key, "name=" + foreignKeyName(definition, from.stream().map(Facts::unquote).toList()) + " on_update=" + fk[5] + " on_delete=" + fk[6]
                    + " match=" + fk[7], (a, b) -> a + " & " + b);
        }
        for (TableDefinition.Constraint c : definition.constraints()) {
            if (c.kind().equals("CHECK")) {
                facts.merge("check:" + c.sql(), "1", (a, b) -> String.valueOf(Integer.parseInt(a) + 1));
            }
        }
        for (TableDefinition.Column c : definition.columns()) {
            for (TableDefinition.Clause clause : c.clauses) {
                if (clause.kind().equals("CHECK")) {
                    facts.merge("check:column " + c.name + ": " + clause.text(), "1",
                            (a, b) -> String.valueOf(Integer.parseInt(a) + 1));
                }
            }
        }
        for (String[] trigger : query(connection, "SELECT name, sql FROM sqlite_master WHERE type = 'trigger' AND tbl_name = "
                + literal(name))) {
            facts.put("trigger:" + trigger[0], trigger[1]);
        }
        String sequence = hasSequenceTable(connection)
                ? single(connection, "SELECT seq FROM sqlite_sequence WHERE name = " + literal(name)) : null;
        // A counter of 0 and no counter hand out the same next id (an INSERT ... SELECT of no rows writes a 0).
        facts.put("sequence", "0".equals(sequence) ? "null" : String.valueOf(sequence));
        facts.put("rows", single(connection, "SELECT count(*) FROM " + q));
        if (!definition.withoutRowid()) {
            String rowid = rowidName(definition.columnNames());
            if (rowid != null) {
                facts.put("rowids", single(connection, "SELECT coalesce(sum(" + rowid + "), 0) || '/' || coalesce(min("
                        + rowid + "), 0) || '/' || coalesce(max(" + rowid + "), 0) FROM " + q));
            }
        }
        return new Facts(name, facts);
    }

    /** Whether the table's rows have a rowid, and which column (if any) is its alias. */
    static String rowid(TableDefinition definition) {
        if (definition.withoutRowid()) {
            return "without rowid";
        }
        String alias = rowidAlias(definition);
        return alias == null ? "rowid" : "alias " + alias;
    }

    /** The INTEGER PRIMARY KEY column that is the rowid, or null (SQLite: exactly "INTEGER", one column, not DESC). */
    static String rowidAlias(TableDefinition definition) {
        if (definition.withoutRowid()) {
            return null;
        }
        List<String> pk = definition.primaryKey();
        if (pk.size() != 1 || !definition.hasColumn(pk.get(0))) {
            return null;
        }
        TableDefinition.Column column = definition.column(pk.get(0));
        if (!Names.upper(column.type().strip()).equals("INTEGER")) {
            return null;
        }
        for (TableDefinition.Clause clause : column.clauses) {
            if (clause.kind().equals("PRIMARY") && clause.tokens().stream().anyMatch(t -> t.is("DESC"))) {
                return null;
            }
        }
        return column.name;
    }

    /** A name that reaches the rowid in this table (rowid, _rowid_ or oid, unless a column takes all three). */
    static String rowidName(List<String> columns) {
        for (String candidate : List.of("rowid", "_rowid_", "oid")) {
            if (columns.stream().noneMatch(c -> Names.same(c, candidate))) {
                return candidate;
            }
        }
        return null;
    }

    private static String collation(TableDefinition.Column column) {
        for (TableDefinition.Clause c : column.clauses) {
            if (c.kind().equals("COLLATE") && c.tokens().size() > 1) {
                return Names.upper(c.tokens().get(c.tokens().size() - 1).name());
            }
        }
        return "";
    }

    private static String foreignKeyName(TableDefinition definition, List<String> from) {
        for (TableDefinition.Constraint c : definition.constraints()) {
            if (c.kind().equals("FOREIGN") && TableDefinition.sameColumns(c.columns(), from)) {
                return String.valueOf(c.name());
            }
        }
        if (from.size() == 1 && definition.hasColumn(from.get(0))) {
            for (TableDefinition.Clause clause : definition.column(from.get(0)).clauses) {
                if (clause.kind().equals("REFERENCES")) {
                    return String.valueOf(clause.name());
                }
            }
        }
        return "null";
    }

    private static boolean hasSequenceTable(Connection connection) throws SQLException {
        return single(connection, "SELECT name FROM sqlite_master WHERE name = 'sqlite_sequence'") != null;
    }

    private static String unquote(String quoted) {
        return SqlTokens.tokenize(quoted).get(0).name();
    }

    static String literal(String value) {
        return "'" + value.replace("'", "''") + "'";
    }

    static String single(Connection connection, String sql) throws SQLException {
        List<String[]> rows = query(connection, sql);
        return rows.isEmpty() ? null : rows.get(0)[0];
    }

    static List<String[]> query(Connection connection, String sql) throws SQLException {
        List<String[]> rows = new ArrayList<>();
        try (Statement s = connection.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            int n = rs.getMetaData().getColumnCount();
            while (rs.next()) {
                String[] row = new String[n];
                for (int i = 0; i < n; i++) {
                    row[i] = rs.getString(i + 1);
                }
                rows.add(row);
            }
        }
        return rows;
    }

    /** The keys whose values differ between the two snapshots. */
    static List<String> differences(Facts before, Facts after) {
        List<String> keys = new ArrayList<>();
        TreeMap<String, String> all = new TreeMap<>(before.facts);
        all.putAll(after.facts);
        for (String key : all.keySet()) {
            if (!Objects.equals(before.facts.get(key), after.facts.get(key))) {
                keys.add(key);
            }
        }
        return keys;
    }
}

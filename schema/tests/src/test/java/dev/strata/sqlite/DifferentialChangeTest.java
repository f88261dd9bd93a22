package dev.strata.sqlite;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.strata.testing.TestChangelogs;
import dev.strata.engine.Engine;
import dev.strata.engine.Target;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.Function;
import java.util.stream.Collectors;
import liquibase.database.core.SQLiteDatabase;
import liquibase.datatype.DataTypeFactory;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * Differential, property-based proof of the SQLite change types: a generated table (odd names in every
 * quoting form, non-ASCII names that differ only in case, STRICT, WITHOUT ROWID, AUTOINCREMENT with gaps,
 * generated columns, CHECKs with commas in strings, blob/exponent/negative defaults, comments, named and
 * unnamed UNIQUE and foreign keys) with rows, an index, a trigger, views on views naming {@code main.t},
 * an INSTEAD OF trigger and a referencing child, × a change type applied by Strata's engine. The oracle is
 * a fresh CREATE TABLE of the expected definition (rendered here, independently of the engine) holding the
 * same rows: structure, rows, rowids and the AUTOINCREMENT counter must match it; every untouched column
 * definition and every other schema object must be byte-identical; views must still compile; integrity
 * and foreign key checks must pass; and the automatic rollback, where Liquibase has one, must give back the
 * original. Tries: {@code jqwik.tries.default} in junit-platform.properties; {@code -Djqwik.tries.default=5000} for a long run.
 */
class DifferentialChangeTest {
    private static final SQLiteDatabase SQLITE = new SQLiteDatabase();
    private static final List<String> NAMES = List.of("a", "Größe", "straße", "É", "é", "order", "my col", "x_1", "Ωmega",
            "ωmega", "select", "B");
    private static final List<String> TABLES = List.of("t", "Orders", "tëst", "my table", "Ωrders");
    private static final List<String> TYPES = List.of("INTEGER", "TEXT", "REAL", "BLOB", "NUMERIC", "VARCHAR(20)", "BIGINT");
    private static final List<String> STRICT_TYPES = List.of("INTEGER", "TEXT", "REAL", "BLOB", "ANY");
    /** Types a changelog may declare (Strata refuses types SQLite cannot hold faithfully, e.g. ANY or bare NUMERIC). */
    private static final List<String> CHANGELOG_TYPES = List.of("INTEGER", "TEXT", "REAL", "BLOB", "VARCHAR(20)", "BIGINT",
            "DECIMAL(10,2)");
    private static final List<String> STRICT_CHANGELOG_TYPES = List.of("INTEGER", "TEXT", "REAL", "BLOB");

    enum Key { ALIAS, ALIAS_AUTOINCREMENT, NONE, COMPOSITE, COMPOSITE_WITHOUT_ROWID }

    /** A column other than the anchor (the key column that views, triggers and the child use). */
    record Col(String name, String type, boolean notNull, String dflt, boolean nocase, String check, String unique, String fk) {
        Col withName(String n) {
            return new Col(n, type, notNull, dflt, nocase, check == null ? null : check.replace(quoteAny(name), quoteAny(n)), unique, fk);
        }

        Col with(String t, boolean nn, String d, String u, String f) {
            return new Col(name, t, nn, d, nocase && t.equals(type), check, u, f);
        }
    }

    /** A table model; {@code render} turns it into DDL in a given style. */
    record Model(String table, Key key, boolean strict, boolean generated, List<Col> cols, String pkName) {
        String anchor() {
            return key == Key.ALIAS || key == Key.ALIAS_AUTOINCREMENT ? "id" : "k";
        }

        boolean rowid() {
            return key != Key.COMPOSITE_WITHOUT_ROWID;
        }

        Model withCols(List<Col> c) {
            return new Model(table, key, strict, generated, c, pkName);
        }

        Model withKey(Key k, String name) {
            return new Model(table, k, strict, generated, cols, name);
        }

        Col col(String name) {
            return cols.stream().filter(c -> Names.same(c.name, name)).findFirst().orElseThrow();
        }
    }

    /** How DDL is spelled: quoting of names, separators, keyword case, comments. Untouched text must survive it. */
    record Style(long seed, boolean canonical) {
        String name(String n, int i) {
            if (canonical) {
                return "\"" + n + "\"";
            }
            int pick = (int) Math.floorMod(seed + i * 31L + n.hashCode(), 4);
            boolean bare = n.matches("[\\p{L}_][\\p{L}\\p{N}_]*") && !List.of("order", "select").contains(n.toLowerCase());
            return switch (pick) {
                case 0 -> bare ? n : "\"" + n + "\"";
                case 1 -> "[" + n + "]";
                case 2 -> "`" + n + "`";
                default -> "\"" + n + "\"";
            };
        }

        String sep(int i) {
            if (canonical) {
                return ", ";
            }
            return switch ((int) Math.floorMod(seed + i, 4)) {
                case 0 -> ",\n    ";
                case 1 -> " , /* a, (comment) */ ";
                case 2 -> ",";
                default -> ", -- note, here\n  ";
            };
        }

        String kw(String k, int i) {
            return !canonical && Math.floorMod(seed + i, 3) == 0 ? k.toLowerCase() : k;
        }
    }

    static String quoteAny(String n) {
        return "\"" + n + "\"";
    }

    /** One column's definition text, which must appear byte for byte after any change that does not touch it. */
    static String colSql(Col c, Style st, int i) {
        StringBuilder s = new StringBuilder(st.name(c.name, i)).append(' ').append(st.kw(c.type, i));
        if (c.notNull) {
            s.append(' ').append(st.kw("NOT NULL", i + 1));
        }
        if (c.dflt != null) {
            s.append(' ').append(st.kw("DEFAULT", i + 2)).append(' ').append(c.dflt);
        }
        if (c.nocase) {
            s.append(" COLLATE NOCASE");
        }
        if (c.check != null) {
            s.append(' ').append(c.check);
        }
        if (c.unique != null) {
            s.append(c.unique.isEmpty() ? " UNIQUE" : " CONSTRAINT " + quoteAny(c.unique) + " UNIQUE");
        }
        if (c.fk != null) {
            // "#name": added by addColumn (no ON DELETE); "@name": added by addForeignKeyConstraint; else original.
            String name = c.fk.startsWith("#") || c.fk.startsWith("@") ? c.fk.substring(1) : c.fk;
            s.append(" CONSTRAINT ").append(quoteAny(name)).append(" REFERENCES \"p\" (\"id\")")
                    .append(c.fk.startsWith("#") ? "" : " ON DELETE CASCADE");
        }
        return s.toString();
    }

    static List<String> colTexts(Model m, Style st) {
        List<String> out = new ArrayList<>();
        for (int i = 0; i < m.cols.size(); i++) {
            out.add(colSql(m.cols.get(i), st, i));
        }
        return out;
    }

    static String render(Model m, Style st) {
        List<String> elements = new ArrayList<>();
        switch (m.key) {
            case ALIAS -> elements.add("\"id\" INTEGER PRIMARY KEY");
            case ALIAS_AUTOINCREMENT -> elements.add("\"id\" INTEGER PRIMARY KEY AUTOINCREMENT");
            default -> {
                elements.add("\"k\" TEXT NOT NULL UNIQUE");
                elements.add("\"kk\" INTEGER NOT NULL");
            }
        }
        elements.addAll(colTexts(m, st));
        if (m.generated) {
            elements.add("\"g\" TEXT GENERATED ALWAYS AS (" + m.anchor() + " || '!') VIRTUAL");
        }
        if (m.key == Key.COMPOSITE || m.key == Key.COMPOSITE_WITHOUT_ROWID) {
            elements.add("PRIMARY KEY (\"k\", \"kk\")");
        }
        if (m.pkName != null) {
            elements.add("CONSTRAINT " + quoteAny(m.pkName) + " PRIMARY KEY (\"k\")");
        }
        StringBuilder sql = new StringBuilder(st.kw("CREATE TABLE", 0)).append(' ').append(st.name(m.table, 7)).append(" (");
        for (int i = 0; i < elements.size(); i++) {
            sql.append(i == 0 ? (st.canonical ? "" : "\n  ") : st.sep(i)).append(elements.get(i));
        }
        sql.append(st.canonical ? ")" : "\n)");
        List<String> options = new ArrayList<>();
        if (m.key == Key.COMPOSITE_WITHOUT_ROWID) {
            options.add("WITHOUT ROWID");
        }
        if (m.strict) {
            options.add("STRICT");
        }
        return sql.append(options.isEmpty() ? "" : " " + String.join(", ", options)).toString();
    }

    /** Everything around the table: parent, log, child, index, trigger, views, INSTEAD OF trigger. */
    static List<String> dependents(Model m, String indexed) {
        String t = quoteAny(m.table);
        String a = quoteAny(m.anchor());
        List<String> sql = new ArrayList<>();
        sql.add("CREATE TABLE \"c\" (\"id\" INTEGER PRIMARY KEY, \"t_ref\" " + (m.anchor().equals("id") ? "INTEGER" : "TEXT")
                + " REFERENCES " + t + " (" + a + "))");
        if (indexed != null) {
            sql.add("CREATE INDEX \"ix_t\" ON " + t + " (" + quoteAny(indexed) + ") WHERE " + quoteAny(indexed) + " IS NOT NULL");
        }
        sql.add("CREATE INDEX \"ix_t_expr\" ON " + t + " (abs(length(" + a + ")))");
        sql.add("CREATE TRIGGER \"tr_t\" AFTER UPDATE ON " + t + " BEGIN INSERT INTO \"log\" (\"v\") VALUES (NEW." + a + "); END");
        sql.add("CREATE VIEW \"v1\" AS SELECT " + a + " AS \"ref\", 1 AS \"one\" FROM main." + t);
        sql.add("CREATE VIEW \"v2\" AS SELECT \"ref\" FROM \"v1\" WHERE \"one\" = 1");
        sql.add("CREATE TRIGGER \"tr_v1\" INSTEAD OF INSERT ON \"v1\" BEGIN INSERT INTO \"log\" (\"v\") VALUES (NEW.\"ref\"); END");
        return sql;
    }

    /** A generated case: the model, its style, rows, and the change with its expected outcome. */
    record Case(Model before, Style style, String indexed, List<Map<String, Object>> rows, Change change) {
        @Override
        public String toString() {
            return change.name + " on " + render(before, style).replace('\n', ' ') + " with " + rows.size() + " rows";
        }
    }

    /** A change: its changelog XML, the model after it, how existing rows' values come out, and whether it rolls back. */
    record Change(String name, String xml, Model after, Function<Map<String, Object>, Map<String, Object>> rowMap,
                  boolean reversible, List<String> touched) {
    }

    @Provide
    Arbitrary<Long> seeds() {
        return Arbitraries.longs();
    }

    private static final java.util.concurrent.atomic.AtomicInteger CHECKED = new java.util.concurrent.atomic.AtomicInteger();

    @Property
    void everyChangeIsExactlyTheIntendedOne(@ForAll("seeds") long seed) throws Exception {
        Case c = generate(new Random(seed));
        try {
            check(c);
        } catch (Exception | AssertionError e) {
            throw new AssertionError(c + ": " + e.getMessage(), e);
        }
        dev.strata.reliability.Report.progress("DifferentialChangeTest", CHECKED.incrementAndGet(), "changes checked", 50);
    }

    static Case generate(Random r) {
        String table = TABLES.get(r.nextInt(TABLES.size()));
        Key key = Key.values()[r.nextInt(Key.values().length)];
        boolean strict = r.nextInt(4) == 0;
        List<String> pool = new ArrayList<>(NAMES);
        java.util.Collections.shuffle(pool, r);
        int n = 1 + r.nextInt(3);
        List<Col> cols = new ArrayList<>();
        int fks = 0;
        int uniques = 0;
        for (int i = 0; i < n; i++) {
            String name = pool.get(i);
            String type = strict ? STRICT_TYPES.get(r.nextInt(STRICT_TYPES.size())) : TYPES.get(r.nextInt(TYPES.size()));
            boolean notNull = r.nextInt(3) == 0;
            String dflt = r.nextInt(2) == 0 ? defaultFor(type, r) : null;
            boolean nocase = (type.equals("TEXT") || type.startsWith("VARCHAR")) && r.nextBoolean();
            String check = r.nextInt(3) == 0 ? "CHECK (" + quoteAny(name) + " IS NOT 'never, (ever)')" : null;
            String unique = r.nextInt(4) == 0 ? (r.nextBoolean() ? "" : "uq_" + (uniques++)) : null;
            String fk = affinityInteger(type) && r.nextInt(3) == 0 ? "fk_" + (fks++) : null;
            cols.add(new Col(name, type, notNull, dflt, nocase, check, unique, fk));
        }
        if (r.nextInt(4) == 0) {
            String anchor = key == Key.ALIAS || key == Key.ALIAS_AUTOINCREMENT ? "id" : "k";
            cols.add(r.nextInt(cols.size() + 1), new Col("g", "TEXT GENERATED ALWAYS AS (" + anchor + " || '!') VIRTUAL",
                    false, null, false, null, null, null));
        }
        Model m = new Model(table, key, strict, false, cols, null);
        Style style = new Style(r.nextLong(), false);
        List<Col> plain = cols.stream().filter(x -> !generated(x)).toList();
        String indexed = r.nextBoolean() ? plain.get(r.nextInt(plain.size())).name : null;
        List<Map<String, Object>> rows = rows(m, r);
        List<Change> options = changes(m, rows, r);
        return new Case(m, style, indexed, rows, options.get(r.nextInt(options.size())));
    }

    static boolean generated(Col c) {
        return c.type.contains("GENERATED");
    }

    static boolean affinityInteger(String type) {
        return type.contains("INT");
    }

    static String defaultFor(String type, Random r) {
        if (affinityInteger(type)) {
            return r.nextBoolean() ? "-1" : "0x1F";
        }
        return switch (type) {
            case "REAL" -> "1.5e-3";
            case "BLOB" -> "X'CAFE'";
            case "NUMERIC" -> "(1 + 2)";
            case "ANY" -> "-2.5";
            default -> "'it''s, (ok)'";
        };
    }

    static Object value(String type, int i, Random r) {
        if (affinityInteger(type)) {
            return (long) (i + 1);
        }
        return switch (type) {
            case "REAL" -> 1.5 + i;
            case "BLOB" -> new byte[] {(byte) i, 7};
            case "NUMERIC" -> (long) (10 + i);
            case "ANY" -> r.nextBoolean() ? (Object) ("any" + i) : (Object) (long) i;
            default -> "v" + i + (r.nextBoolean() ? ", x" : "");
        };
    }

    static List<Map<String, Object>> rows(Model m, Random r) {
        List<Map<String, Object>> rows = new ArrayList<>();
        int count = r.nextInt(6);
        long rowid = 0;
        for (int i = 0; i < count; i++) {
            rowid += 1 + r.nextInt(3);
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("rowid", rowid);
            if (m.anchor().equals("id")) {
                row.put("id", rowid);
            } else {
                row.put("k", "k" + i);
                row.put("kk", (long) i);
            }
            for (Col c : m.cols) {
                if (generated(c)) {
                    continue;
                }
                boolean isNull = !c.notNull && r.nextInt(3) == 0;
                row.put(c.name, isNull ? null : value(c.type, i, r));
            }
            rows.add(row);
        }
        return rows;
    }

    static Map<String, Object> same(Map<String, Object> row) {
        return row;
    }

    static List<Change> changes(Model m, List<Map<String, Object>> rows, Random r) {
        List<Change> out = new ArrayList<>();
        String t = m.table;
        String tAttr = r.nextBoolean() && !t.equals(Names.upper(t)) && t.chars().allMatch(ch -> ch < 128)
                ? Names.upper(t) : t;
        String newName = NAMES.stream().filter(n -> m.cols.stream().noneMatch(c -> Names.same(c.name, n))).findFirst().orElse("fresh");
        String addType = m.strict ? STRICT_CHANGELOG_TYPES.get(r.nextInt(STRICT_CHANGELOG_TYPES.size()))
                : CHANGELOG_TYPES.get(r.nextInt(CHANGELOG_TYPES.size()));
        String declared = m.strict ? strictOf(declared(addType)) : declared(addType);
        List<Col> add = new ArrayList<>(m.cols);
        add.add(new Col(newName, declared, false, null, false, null, null, null));
        out.add(new Change("addColumn nullable", "<addColumn tableName=\"" + tAttr + "\"><column name=\"" + newName
                + "\" type=\"" + addType + "\"/></addColumn>", m.withCols(add), row -> with(row, newName, null), true,
                List.of()));
        List<Col> addNn = new ArrayList<>(m.cols);
        addNn.add(new Col(newName, "INTEGER", true, "7", false, null, null, null));
        out.add(new Change("addColumn NOT NULL with default", "<addColumn tableName=\"" + tAttr + "\"><column name=\"" + newName
                + "\" type=\"INTEGER\" defaultValueNumeric=\"7\"><constraints nullable=\"false\"/></column></addColumn>",
                m.withCols(addNn), row -> with(row, newName, 7L), true, List.of()));
        if (!m.strict) {
            List<Col> addFn = new ArrayList<>(m.cols);
            addFn.add(new Col(newName, "TEXT", false, "(upper('a'))", false, null, null, null));
            out.add(new Change("addColumn function default", "<addColumn tableName=\"" + tAttr + "\"><column name=\"" + newName
                    + "\" type=\"TEXT\" defaultValueComputed=\"upper('a')\"/></addColumn>", m.withCols(addFn),
                    row -> with(row, newName, "A"), true, List.of()));
        }
        List<Col> addUq = new ArrayList<>(m.cols);
        addUq.add(new Col(newName, "INTEGER", false, null, false, null, "#uq_added", null));
        out.add(new Change("addColumn unique", "<addColumn tableName=\"" + tAttr + "\"><column name=\"" + newName
                + "\" type=\"INTEGER\"><constraints unique=\"true\" uniqueConstraintName=\"uq_added\"/></column></addColumn>",
                m.withCols(addUq), row -> with(row, newName, null), true, List.of()));
        List<Col> addFk = new ArrayList<>(m.cols);
        addFk.add(new Col(newName, "INTEGER", false, null, false, null, null, "#fk_added"));
        out.add(new Change("addColumn foreign key", "<addColumn tableName=\"" + tAttr + "\"><column name=\"" + newName
                + "\" type=\"INTEGER\"><constraints foreignKeyName=\"fk_added\" references=\"p(id)\"/></column></addColumn>",
                m.withCols(addFk), row -> with(row, newName, null), true, List.of()));
        for (Col c : m.cols) {
            if (generated(c)) {
                continue;
            }
            String col = c.name;
            List<Col> rest = m.cols.stream().filter(x -> x != c).toList();
            if (!rest.isEmpty() || true) {
                out.add(new Change("dropColumn", "<dropColumn tableName=\"" + tAttr + "\" columnName=\"" + col + "\"/>",
                        m.withCols(rest), row -> without(row, col), false, List.of(col)));
            }
            // on a STRICT table only TEXT takes every existing value (integers, reals and ANY values become text)
            String newType = m.strict ? "TEXT" : CHANGELOG_TYPES.get(r.nextInt(CHANGELOG_TYPES.size()));
            if (!(m.strict && (c.type.equals("BLOB") || c.type.equals("TEXT")))) {
                out.add(new Change("modifyDataType", "<modifyDataType tableName=\"" + tAttr + "\" columnName=\"" + col
                        + "\" newDataType=\"" + newType + "\"/>", m.withCols(replace(m.cols, c, c.with(declared(newType),
                        c.notNull, c.dflt, c.unique, c.fk))), DifferentialChangeTest::same, false, List.of(col)));
            }
            boolean hasNulls = rows.stream().anyMatch(row -> row.get(col) == null);
            // filling NULLs of a UNIQUE column with one value is rightly refused by SQLite: not generated here
            if (!c.notNull && !(hasNulls && (c.type.equals("BLOB") || c.type.equals("ANY") || c.unique != null))) {
                Object fill = c.fk != null ? (Object) 1L : value(c.type, 99, new Random(1));
                String fillAttr = fill instanceof byte[] ? null : String.valueOf(fill);
                out.add(new Change("addNotNullConstraint", "<addNotNullConstraint tableName=\"" + tAttr + "\" columnName=\""
                        + col + "\" columnDataType=\"" + c.type + "\"" + (hasNulls ? " defaultNullValue=\"" + fillAttr + "\"" : "")
                        + "/>", m.withCols(replace(m.cols, c, c.with(c.type, true, c.dflt, c.unique, c.fk))),
                        row -> row.get(col) == null ? with(row, col, fill) : row, !hasNulls, List.of(col)));
            }
            if (c.notNull) {
                out.add(new Change("dropNotNullConstraint", "<dropNotNullConstraint tableName=\"" + tAttr + "\" columnName=\""
                        + col + "\" columnDataType=\"" + c.type + "\"/>", m.withCols(replace(m.cols, c,
                        c.with(c.type, false, c.dflt, c.unique, c.fk))), DifferentialChangeTest::same, true, List.of(col)));
            }
            if (c.dflt == null && !c.type.equals("BLOB")) {
                boolean numeric = !c.type.equals("TEXT") && !c.type.startsWith("VARCHAR");
                out.add(new Change("addDefaultValue", "<addDefaultValue tableName=\"" + tAttr + "\" columnName=\"" + col
                        + "\" " + (numeric ? "defaultValueNumeric=\"42\"" : "defaultValue=\"d\"") + "/>",
                        m.withCols(replace(m.cols, c, c.with(c.type, c.notNull, numeric ? "42" : "'d'", c.unique, c.fk))),
                        DifferentialChangeTest::same, true, List.of(col)));
            } else if (c.dflt != null) {
                out.add(new Change("dropDefaultValue", "<dropDefaultValue tableName=\"" + tAttr + "\" columnName=\"" + col + "\"/>",
                        m.withCols(replace(m.cols, c, c.with(c.type, c.notNull, null, c.unique, c.fk))),
                        DifferentialChangeTest::same, false, List.of(col)));
            }
            boolean distinct = rows.stream().map(row -> row.get(col)).filter(v -> v != null)
                    .map(v -> v instanceof byte[] b ? java.util.Arrays.toString(b) : String.valueOf(v)).distinct().count()
                    == rows.stream().filter(row -> row.get(col) != null).count();
            if (c.unique == null && distinct) {
                boolean named = r.nextBoolean();
                out.add(new Change("addUniqueConstraint", "<addUniqueConstraint tableName=\"" + tAttr + "\" columnNames=\"" + col
                        + "\"" + (named ? " constraintName=\"uq_new\"" : "") + "/>",
                        m.withCols(replace(m.cols, c, c.with(c.type, c.notNull, c.dflt, named ? "@uq_new" : "@", c.fk))),
                        DifferentialChangeTest::same, true, List.of(col)));
            }
            if (c.unique != null && !c.unique.isEmpty()) {
                out.add(new Change("dropUniqueConstraint", "<dropUniqueConstraint tableName=\"" + tAttr + "\" constraintName=\""
                        + c.unique + "\"/>", m.withCols(replace(m.cols, c, c.with(c.type, c.notNull, c.dflt, null, c.fk))),
                        DifferentialChangeTest::same, false, List.of(col)));
            }
            if (c.fk == null && affinityInteger(c.type)) {
                out.add(new Change("addForeignKeyConstraint", "<addForeignKeyConstraint baseTableName=\"" + tAttr
                        + "\" baseColumnNames=\"" + col + "\" constraintName=\"fk_new\" referencedTableName=\"p\""
                        + " referencedColumnNames=\"id\" onDelete=\"CASCADE\"/>",
                        m.withCols(replace(m.cols, c, c.with(c.type, c.notNull, c.dflt, c.unique, "@fk_new"))),
                        DifferentialChangeTest::same, true, List.of(col)));
            }
            if (c.fk != null) {
                out.add(new Change("dropForeignKeyConstraint", "<dropForeignKeyConstraint baseTableName=\"" + tAttr
                        + "\" constraintName=\"" + c.fk + "\"/>", m.withCols(replace(m.cols, c,
                        c.with(c.type, c.notNull, c.dflt, c.unique, null))), DifferentialChangeTest::same, false, List.of(col)));
            }
            out.add(new Change("renameColumn", "<renameColumn tableName=\"" + tAttr + "\" oldColumnName=\"" + col
                    + "\" newColumnName=\"" + newName + "\" columnDataType=\"" + c.type + "\"/>",
                    m.withCols(replace(m.cols, c, c.withName(newName))), row -> renamed(row, col, newName), true, List.of(col)));
        }
        if (m.key == Key.NONE) {
            out.add(new Change("addPrimaryKey", "<addPrimaryKey tableName=\"" + tAttr + "\" columnNames=\"k\" constraintName=\"pk_t\"/>",
                    m.withKey(Key.NONE, "pk_t"), DifferentialChangeTest::same, true, List.of()));
        }
        if (m.key == Key.COMPOSITE) {
            out.add(new Change("dropPrimaryKey", "<dropPrimaryKey tableName=\"" + tAttr + "\"/>", m.withKey(Key.NONE, null),
                    DifferentialChangeTest::same, false, List.of()));
        }
        if (m.key == Key.ALIAS) {
            out.add(new Change("addAutoIncrement", "<addAutoIncrement tableName=\"" + tAttr + "\" columnName=\"id\""
                    + " columnDataType=\"INTEGER\"/>", m.withKey(Key.ALIAS_AUTOINCREMENT, null), DifferentialChangeTest::same,
                    false, List.of()));
        }
        return out;
    }

    static String declared(String type) {
        return DataTypeFactory.getInstance().fromDescription(type, SQLITE).toDatabaseDataType(SQLITE).toString();
    }

    /** The STRICT type a declared type becomes in a STRICT table (by SQLite's affinity rules). */
    static String strictOf(String declared) {
        String t = declared.toUpperCase();
        if (STRICT_TYPES.contains(t) || t.equals("INT")) {
            return t;
        }
        return t.contains("INT") ? "INTEGER" : t.matches(".*(CHAR|CLOB|TEXT).*") ? "TEXT"
                : t.contains("BLOB") ? "BLOB" : t.matches(".*(REAL|FLOA|DOUB).*") ? "REAL" : declared;
    }

    static List<Col> replace(List<Col> cols, Col old, Col now) {
        return cols.stream().map(c -> c == old ? now : c).collect(Collectors.toList());
    }

    static Map<String, Object> with(Map<String, Object> row, String col, Object value) {
        Map<String, Object> out = new LinkedHashMap<>(row);
        out.put(col, value);
        return out;
    }

    static Map<String, Object> without(Map<String, Object> row, String col) {
        Map<String, Object> out = new LinkedHashMap<>(row);
        out.remove(col);
        return out;
    }

    static Map<String, Object> renamed(Map<String, Object> row, String col, String to) {
        Map<String, Object> out = new LinkedHashMap<>();
        row.forEach((k, v) -> out.put(k.equals(col) ? to : k, v));
        return out;
    }

    // ---- the check ----

    void check(Case c) throws Exception {
        Path dir = Files.createTempDirectory("strata-diff-");
        try {
            Path file = dir.resolve("db.sqlite");
            String originalDdl = render(c.before, c.style);
            long sequence = create(file, c.before, originalDdl, c.indexed, c.rows);
            List<Map<String, Object>> stored = storedRows(file, c.before);
            Map<String, String> objectsBefore = otherObjects(file, c.before.table);
            String shapeBefore;
            List<String> rowsBefore;
            try (Connection db = open(file)) {
                shapeBefore = SchemaShape.of(db, c.before.table);
                rowsBefore = rowStrings(db, c.before);
            }

            TestChangelogs changelogs = new TestChangelogs(dir.resolve("changelog"));
            changelogs.add("0001-change", "    " + c.change.xml);
            Engine engine = Engine.on(Target.sqlite(file)).changelog(changelogs.changelog()).withBackups(false);
            engine.update();

            Model after = c.change.after;
            try (Connection db = open(file); Connection oracle = oracle(after, c, sequence, stored)) {
                assertEquals(SchemaShape.of(oracle, after.table), SchemaShape.of(db, after.table), "structure");
                assertEquals(rowStrings(oracle, after), rowStrings(db, after), "rows");
                assertEquals(seq(oracle, after.table), seq(db, after.table), "AUTOINCREMENT counter");
                assertEquals(checks(oracle, after.table), checks(db, after.table), "CHECK constraints");
                assertEquals("ok", SchemaShape.rows(db, "PRAGMA integrity_check").get(0).get(0));
                assertEquals(List.of(), SchemaShape.rows(db, "PRAGMA foreign_key_check"));
                SchemaShape.rows(db, "SELECT * FROM \"v2\"");
                String ddl = SchemaShape.rows(db, "SELECT sql FROM sqlite_master WHERE type = 'table' AND name = '"
                        + after.table + "'").get(0).get(0);
                List<String> texts = colTexts(c.before, c.style);
                for (int i = 0; i < c.before.cols.size(); i++) {
                    String name = c.before.cols.get(i).name;
                    if (!c.change.touched.contains(name)) {
                        assertTrue(ddl.contains(texts.get(i)), "untouched column kept byte for byte: " + texts.get(i) + " in " + ddl);
                    }
                }
                Map<String, String> expectedObjects = new java.util.TreeMap<>(objectsBefore);
                Map<String, String> objectsAfter = otherObjects(file, after.table);
                if (c.indexed != null && c.change.touched.contains(c.indexed)) {
                    expectedObjects.remove("index ix_t");
                    objectsAfter.remove("index ix_t");
                }
                for (Col col : after.cols) {
                    if (col.unique != null && col.unique.startsWith("#")) {
                        assertTrue(objectsAfter.remove("index " + col.unique.substring(1)) != null, "unique index added");
                    }
                }
                assertEquals(expectedObjects, objectsAfter, "every other schema object unchanged");
            }
            if (c.change.reversible) {
                engine.rollbackCount(1);
                try (Connection db = open(file)) {
                    assertEquals(shapeBefore, SchemaShape.of(db, c.before.table), "rollback: structure");
                    assertEquals(rowsBefore, rowStrings(db, c.before), "rollback: rows");
                    assertEquals(List.of(), SchemaShape.rows(db, "PRAGMA foreign_key_check"));
                }
                assertEquals(objectsBefore, otherObjects(file, c.before.table), "rollback: every other schema object");
            }
        } finally {
            try (var walk = Files.walk(dir)) {
                walk.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    static Connection open(Path file) throws SQLException {
        return DriverManager.getConnection("jdbc:sqlite:" + file);
    }

    /** Creates the original database; returns its AUTOINCREMENT counter (0 when none). */
    static long create(Path file, Model m, String ddl, String indexed, List<Map<String, Object>> rows) throws SQLException {
        try (Connection db = open(file); Statement s = db.createStatement()) {
            s.execute("CREATE TABLE \"p\" (\"id\" INTEGER PRIMARY KEY, \"name\" TEXT)");
            s.execute("INSERT INTO \"p\" (\"id\") VALUES (1), (2), (3), (4), (5), (6), (99)");
            s.execute("CREATE TABLE \"log\" (\"v\")");
            s.execute(ddl);
            for (String d : dependents(m, indexed)) {
                s.execute(d);
            }
            insert(db, m, rows);
            long sequence = 0;
            if (m.key == Key.ALIAS_AUTOINCREMENT) {
                long gap = rows.stream().mapToLong(r -> (Long) r.get("rowid")).max().orElse(0) + 5;
                // as if a row with a higher id had been inserted and deleted
                s.execute("DELETE FROM sqlite_sequence WHERE name = '" + m.table + "'");
                s.execute("INSERT INTO sqlite_sequence (name, seq) VALUES ('" + m.table + "', " + gap + ")");
                sequence = gap;
            }
            if (!rows.isEmpty()) {
                s.execute("INSERT INTO \"c\" (\"t_ref\") VALUES (" + (m.anchor().equals("id") ? rows.get(0).get("id") : "'k0'") + ")");
            }
            return sequence;
        }
    }

    static void insert(Connection db, Model m, List<Map<String, Object>> rows) throws SQLException {
        for (Map<String, Object> row : rows) {
            List<String> cols = new ArrayList<>(row.keySet());
            if (!m.rowid() || m.anchor().equals("id")) {
                cols.remove("rowid");
            }
            String sql = "INSERT INTO " + quoteAny(m.table) + " (" + cols.stream().map(DifferentialChangeTest::quoteAny)
                    .map(q -> q.equals("\"rowid\"") ? "rowid" : q).collect(Collectors.joining(", ")) + ") VALUES ("
                    + cols.stream().map(x -> "?").collect(Collectors.joining(", ")) + ")";
            try (PreparedStatement ps = db.prepareStatement(sql)) {
                for (int i = 0; i < cols.size(); i++) {
                    ps.setObject(i + 1, row.get(cols.get(i)));
                }
                ps.execute();
            }
        }
    }

    /** A fresh CREATE TABLE of the expected definition, with the same dependents and the expected rows. */
    Connection oracle(Model after, Case c, long sequence, List<Map<String, Object>> stored) throws SQLException {
        Connection db = DriverManager.getConnection("jdbc:sqlite::memory:");
        try (Statement s = db.createStatement()) {
            s.execute("CREATE TABLE \"p\" (\"id\" INTEGER PRIMARY KEY, \"name\" TEXT)");
            s.execute("CREATE TABLE \"log\" (\"v\")");
            s.execute(render(oracleModel(after), new Style(0, true)));
            for (Col col : after.cols) {
                if (col.unique != null && col.unique.startsWith("#")) {
                    s.execute("CREATE UNIQUE INDEX " + quoteAny(col.unique.substring(1)) + " ON " + quoteAny(after.table)
                            + " (" + quoteAny(col.name) + ")");
                }
            }
            String indexed = c.indexed != null && after.cols.stream().anyMatch(x -> x.name.equals(c.indexed)) ? c.indexed : null;
            if (c.change.name.equals("renameColumn") && c.indexed != null && c.change.touched.contains(c.indexed)) {
                indexed = null;
            }
            for (String d : dependents(after, indexed)) {
                if (!d.startsWith("CREATE INDEX \"ix_t\"") || indexed != null) {
                    s.execute(d);
                }
            }
            if (c.change.name.equals("renameColumn") && c.indexed != null && c.change.touched.contains(c.indexed)) {
                String renamedTo = after.cols.stream().filter(x -> c.before.cols.stream().noneMatch(b -> b.name.equals(x.name)))
                        .findFirst().orElseThrow().name;
                s.execute("CREATE INDEX \"ix_t\" ON " + quoteAny(after.table) + " (" + quoteAny(renamedTo) + ") WHERE "
                        + quoteAny(renamedTo) + " IS NOT NULL");
            }
            insert(db, after, stored.stream().map(c.change.rowMap).toList());
            if (sequence > 0 || after.key == Key.ALIAS_AUTOINCREMENT) {
                long max = c.rows.stream().mapToLong(r -> (Long) r.get("rowid")).max().orElse(0);
                s.execute("DELETE FROM sqlite_sequence");
                if (Math.max(sequence, max) > 0) {
                    s.execute("INSERT INTO sqlite_sequence (name, seq) VALUES ('" + after.table + "', " + Math.max(sequence, max) + ")");
                }
            }
        }
        return db;
    }

    /** The expected model as the oracle renders it: marker prefixes of added constraints resolved. */
    static Model oracleModel(Model m) {
        List<Col> cols = new ArrayList<>();
        for (Col c : m.cols) {
            String unique = c.unique == null || c.unique.startsWith("#") ? null
                    : c.unique.startsWith("@") ? c.unique.substring(1) : c.unique;
            cols.add(new Col(c.name, c.type, c.notNull, c.dflt, c.nocase, c.check, unique, c.fk));
        }
        return m.withCols(cols);
    }

    /** The rows as SQLite stored them (after type affinity), keyed by column, with the rowid. */
    static List<Map<String, Object>> storedRows(Path file, Model m) throws SQLException {
        List<Map<String, Object>> out = new ArrayList<>();
        try (Connection db = open(file); Statement s = db.createStatement();
             java.sql.ResultSet rs = s.executeQuery("SELECT " + (m.rowid() ? "rowid AS \"rowid\", " : "") + "* FROM "
                     + quoteAny(m.table) + " ORDER BY " + (m.rowid() ? "rowid" : "\"k\""))) {
            java.sql.ResultSetMetaData meta = rs.getMetaData();
            while (rs.next()) {
                Map<String, Object> row = new LinkedHashMap<>();
                for (int i = 1; i <= meta.getColumnCount(); i++) {
                    if (!meta.getColumnName(i).equals("g")) {
                        row.put(meta.getColumnName(i), rs.getObject(i));
                    }
                }
                out.add(row);
            }
        }
        return out;
    }

    static List<String> rowStrings(Connection db, Model m) throws SQLException {
        List<String> names = new ArrayList<>();
        for (List<String> col : SchemaShape.rows(db, "SELECT name FROM pragma_table_xinfo('" + m.table + "')")) {
            names.add(col.get(0));
        }
        String select = names.stream().map(n -> "typeof(" + quoteAny(n) + ") || ':' || quote(" + quoteAny(n) + ")")
                .collect(Collectors.joining(" || '|' || "));
        String order = m.rowid() ? "rowid" : "\"k\"";
        String rowid = m.rowid() ? "rowid || '#' || " : "";
        List<String> out = new ArrayList<>();
        for (List<String> row : SchemaShape.rows(db, "SELECT " + rowid + select + " FROM " + quoteAny(m.table) + " ORDER BY " + order)) {
            out.add(row.get(0));
        }
        return out;
    }

    static String seq(Connection db, String table) throws SQLException {
        if (SchemaShape.rows(db, "SELECT 1 FROM sqlite_master WHERE name = 'sqlite_sequence'").isEmpty()) {
            return "none";
        }
        List<List<String>> rows = SchemaShape.rows(db, "SELECT seq FROM sqlite_sequence WHERE name = '" + table + "'");
        // a counter of 0 and no counter hand out the same next id (SQLite writes 0 after an INSERT ... SELECT of no rows)
        return rows.isEmpty() || rows.get(0).get(0).equals("0") ? "none" : rows.get(0).get(0);
    }

    /** The CHECK clauses of the table's DDL, quotes of identifiers ignored. */
    static List<String> checks(Connection db, String table) throws SQLException {
        String ddl = SchemaShape.rows(db, "SELECT sql FROM sqlite_master WHERE type = 'table' AND name = '" + table + "'").get(0).get(0);
        List<String> out = new ArrayList<>();
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("CHECK \\((.*?) IS NOT 'never, \\(ever\\)'\\)").matcher(ddl);
        while (m.find()) {
            out.add(m.group(1).replaceAll("[\"`\\[\\]]", ""));
        }
        out.sort(null);
        return out;
    }

    static Map<String, String> otherObjects(Path file, String table) throws SQLException {
        Map<String, String> out = new java.util.TreeMap<>();
        try (Connection db = open(file)) {
            for (List<String> row : SchemaShape.rows(db, "SELECT type, name, tbl_name, sql FROM sqlite_master WHERE sql IS NOT NULL"
                    + " AND name NOT LIKE 'databasechangelog%' AND name <> 'sqlite_sequence'")) {
                if (!(row.get(0).equals("table") && row.get(1).equals(table))) {
                    out.put(row.get(0) + " " + row.get(1), row.get(3));
                }
            }
        }
        return out;
    }
}

package dev.strata.sqlite;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.strata.sqlite.SqlTokens.Kind;
import dev.strata.sqlite.SqlTokens.Token;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;

/** The tokenizer follows SQLite's tokenize.c, and parse → render of a CREATE TABLE reproduces it exactly. */
class TableDefinitionTest {

    static List<String> texts(String sql) {
        return SqlTokens.tokenize(sql).stream().map(Token::text).toList();
    }

    @Test
    void literalsAndNamesAreSingleTokens() {
        assertEquals(List.of("X'CAFE'", "1.5e-3", "-", "1", "0x1F", ".5", "[my col]", "`a``b`", "\"q\"\"x\"", "'it''s, ok'",
                "Größe", "->>", "||", "?1", ":name"), texts("X'CAFE' 1.5e-3 -1 0x1F .5 [my col] `a``b` \"q\"\"x\" 'it''s, ok'"
                + " Größe ->> || ?1 :name"));
        assertEquals(Kind.BLOB, SqlTokens.tokenize("x'00'").get(0).kind());
        assertEquals(Kind.NUMBER, SqlTokens.tokenize("1e10").get(0).kind());
        assertEquals("a``b".replace("``", "`"), SqlTokens.tokenize("`a``b`").get(0).name());
        assertEquals("my col", SqlTokens.tokenize("[my col]").get(0).name());
    }

    @Test
    void commentsAreSkippedEvenWithCommasAndParentheses() {
        assertEquals(List.of("a", ",", "b"), texts("a /* x, (y */ , -- z, ) \n b"));
        TableDefinition t = TableDefinition.parse("CREATE TABLE t (a INT /* not, a (column */, b TEXT -- c, d\n)");
        assertEquals(List.of("a", "b"), t.columnNames());
    }

    @Test
    void namesFoldOnlyAsciiCase() {
        assertTrue(Names.same("ORDERS", "orders"));
        assertFalse(Names.same("É", "é"));
        assertFalse(Names.same("Ωmega", "ωmega"));
        TableDefinition t = TableDefinition.parse("CREATE TABLE t (\"é\" TEXT, \"É\" TEXT)");
        t.setNotNull("É", true, null);
        assertEquals("CREATE TABLE t (\"é\" TEXT, \"É\" TEXT NOT NULL)", t.render());
    }

    @Test
    void anEditChangesOnlyItsElement() {
        String sql = "CREATE TABLE [t] (\n  `id` INTEGER PRIMARY KEY AUTOINCREMENT, -- key\n  b BLOB DEFAULT X'CAFE',"
                + " /* f, (g) */ n INT DEFAULT -1 CHECK (n <> 'a, b'),\n  r REAL   DEFAULT 1.5e-3 COLLATE BINARY\n) STRICT";
        TableDefinition t = TableDefinition.parse(sql);
        assertEquals(sql, t.render());
        t.setDefault("b", null);
        assertEquals(sql.replace("b BLOB DEFAULT X'CAFE'", "b BLOB"), t.render());
        t.dropColumn("n");
        assertEquals(sql.replace("b BLOB DEFAULT X'CAFE', /* f, (g) */ n INT DEFAULT -1 CHECK (n <> 'a, b'),", "b BLOB,"),
                t.render());
        assertTrue(t.strict());
    }

    @Test
    void droppingAColumnDropsTheChecksThatNameIt() {
        TableDefinition t = TableDefinition.parse("CREATE TABLE t (a INT, b INT CHECK (b > a), c INT, CHECK (c > a), CHECK (c > 0))");
        t.dropColumn("a");
        assertEquals("CREATE TABLE t (b INT, c INT, CHECK (c > 0))", t.render());
    }

    @Provide
    Arbitrary<String> createTables() {
        Arbitrary<String> names = Arbitraries.of("a", "\"my col\"", "[x y]", "`q``t`", "Größe", "\"é\"", "\"order\"", "b_2");
        Arbitrary<String> types = Arbitraries.of("", " INTEGER", " text", " VARCHAR(20)", " DECIMAL(10, 2)", " ANY");
        Arbitrary<String> clauses = Arbitraries.of("", " NOT NULL", " DEFAULT -1", " DEFAULT X'CAFE'", " DEFAULT 1.5e-3",
                " DEFAULT 'a, (b)'", " DEFAULT (1 + 2)", " COLLATE NOCASE", " CHECK (1 <> 2)", " UNIQUE ON CONFLICT REPLACE",
                " CONSTRAINT \"c k\" REFERENCES p (id) ON DELETE SET NULL NOT DEFERRABLE", " PRIMARY KEY DESC",
                " GENERATED ALWAYS AS (1 || 'x') VIRTUAL", " /* c, ( */", " -- x, y\n");
        Arbitrary<String> seps = Arbitraries.of(", ", ",\n  ", " , /* s, */ ", ",");
        Arbitrary<String> column = Combinators.combine(names, types, clauses.list().ofMaxSize(3))
                .as((n, t, c) -> n + t + String.join("", c));
        Arbitrary<String> tails = Arbitraries.of("", " WITHOUT ROWID", " STRICT", " STRICT, WITHOUT ROWID");
        return Combinators.combine(column.list().ofMinSize(1).ofMaxSize(5), seps, tails,
                        Arbitraries.of("", ", CHECK (a, b)", ", CONSTRAINT u UNIQUE (a, \"my col\")", ", PRIMARY KEY (a)"))
                .as((cols, sep, tail, constraint) -> "CREATE TABLE \"t\" (" + String.join(sep, cols) + constraint + ")" + tail);
    }

    @Property
    void parseThenRenderReproducesTheStatement(@ForAll("createTables") String sql) {
        TableDefinition definition = TableDefinition.parse(sql);
        assertEquals(sql, definition.render());
        assertTrue(definition.roundTrips());
    }

    @Property
    void editingOneColumnKeepsEveryOtherColumnByteForByte(@ForAll("createTables") String sql) {
        TableDefinition definition = TableDefinition.parse(sql);
        List<TableDefinition.Column> columns = definition.columns();
        TableDefinition.Column edited = columns.get(0);
        List<String> others = columns.stream().skip(1).map(TableDefinition.Column::render).toList();
        definition.setNotNull(edited.name, true, null);
        String rendered = definition.render();
        for (String other : others) {
            assertTrue(rendered.contains(other), other + " kept in " + rendered);
        }
        assertTrue(TableDefinition.parse(rendered).column(edited.name).has("NOT NULL"), rendered);
    }
}

package dev.strata.types;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.strata.codegen.Codegen;
import dev.strata.testing.TestChangelogs;
import java.io.ByteArrayOutputStream;
import java.math.BigDecimal;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TimeZone;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import org.jooq.DSLContext;
import org.jooq.Record;
import org.jooq.SQLDialect;
import org.jooq.Table;
import org.jooq.TableField;
import org.jooq.impl.DSL;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every common Liquibase type, declared in a changelog, through the build's codegen: the generated Java type,
 * and a value written and read back through the generated jOOQ classes on SQLite, and through the same
 * classes on PostgreSQL (the changelog applied there by the engine, the classes rendered as POSTGRES).
 */
class ChangelogTypesTest {
    static final String CONFIG = TestChangelogs.CODEGEN_CONFIG.replace("test.db", "test.types");

    /** Changelog type → the Java type the services get → a value to round-trip. */
    record Case(String column, String type, String javaType, Object value) {
    }

    static final List<Case> CASES = List.of(
            new Case("deadline", "TIMESTAMP", "LocalDateTime", LocalDateTime.of(2024, 3, 10, 2, 30, 15)),
            new Case("happened", "TIMESTAMP WITH TIME ZONE", "OffsetDateTime",
                    OffsetDateTime.of(2024, 3, 10, 7, 30, 15, 0, ZoneOffset.UTC)),
            new Case("legacy_time", "DATETIME", "LocalDateTime", LocalDateTime.of(1999, 12, 31, 23, 59, 59)),
            new Case("external_id", "UUID", "UUID", UUID.fromString("123e4567-e89b-12d3-a456-426614174000")),
            new Case("birthday", "DATE", "LocalDate", LocalDate.of(2024, 2, 29)),
            new Case("opens", "TIME", "LocalTime", LocalTime.of(2, 30, 15)),
            new Case("price", "DECIMAL(10,2)", "BigDecimal", new BigDecimal("12345678.10")),
            new Case("ratio", "NUMERIC(15,6)", "BigDecimal", new BigDecimal("123456789.000001")),
            new Case("active", "BOOLEAN", "Boolean", Boolean.TRUE),
            new Case("payload", "BLOB", "byte[]", new byte[] {0, 1, (byte) 0xff, 42}),
            new Case("big", "BIGINT", "Long", Long.MAX_VALUE),
            new Case("tiny", "TINYINT", "Byte", (byte) -128),
            new Case("small", "SMALLINT", "Short", (short) 32767),
            new Case("count", "INTEGER", "Integer", Integer.MIN_VALUE),
            new Case("weight", "FLOAT", "Double", 0.1d),
            new Case("precise", "DOUBLE", "Double", Math.PI),
            new Case("single", "REAL", "Float", 1.5f),
            new Case("code", "CHAR(3)", "String", "EUR"),
            new Case("name", "VARCHAR(20)", "String", "Zoë 🙂"),
            new Case("body", "CLOB", "String", "long text\nwith lines"),
            new Case("note", "NCLOB", "String", "ñ"),
            new Case("amount", "CURRENCY", "BigDecimal", new BigDecimal("12345678901.2345")));

    @TempDir
    static Path dir;
    static Path output;
    static URLClassLoader classes;
    static TestChangelogs changelogs;

    @BeforeAll
    static void generateAndCompile() throws Exception {
        changelogs = new TestChangelogs(dir.resolve("changelog"));
        StringBuilder columns = new StringBuilder();
        for (Case c : CASES) {
            columns.append("      <column name=\"").append(c.column()).append("\" type=\"").append(c.type()).append("\"/>\n");
        }
        changelogs.add("0001-create-every-type", """
                    <createTable tableName="every_type">
                      <column name="id" type="INTEGER" autoIncrement="true"><constraints primaryKey="true"/></column>
                %s    </createTable>
                    <createTable tableName="big_key">
                      <column name="id" type="BIGINT" autoIncrement="true"><constraints primaryKey="true"/></column>
                      <column name="every_type_id" type="INTEGER">
                        <constraints foreignKeyName="fk_big_key_every_type" referencedTableName="every_type"
                                     referencedColumnNames="id"/>
                      </column>
                      <column name="created_at" type="TIMESTAMP" defaultValueComputed="CURRENT_TIMESTAMP"/>
                      <column name="seen" type="TIMESTAMP WITH TIME ZONE" defaultValueComputed="CURRENT_TIMESTAMP"/>
                    </createTable>""".formatted(columns));
        output = dir.resolve("out");
        java.io.PrintStream console = System.out;
        System.setOut(new java.io.PrintStream(new ByteArrayOutputStream()));
        try {
            Codegen.run(CONFIG.getBytes(), changelogs.changelog(), output, dir.resolve("work"));
        } finally {
            System.setOut(console);
        }
        Path compiled = Files.createDirectories(dir.resolve("classes"));
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        List<String> args = new java.util.ArrayList<>(List.of("-d", compiled.toString(), "-classpath",
                System.getProperty("java.class.path"), "-proc:none", "-nowarn"));
        try (Stream<Path> files = Files.walk(output)) {
            files.filter(p -> p.toString().endsWith(".java")).forEach(p -> args.add(p.toString()));
        }
        ByteArrayOutputStream errors = new ByteArrayOutputStream();
        int exit = javac.run(null, null, errors, args.toArray(new String[0]));
        assertEquals(0, exit, "generated classes compile: " + errors);
        classes = new URLClassLoader(new URL[] {compiled.toUri().toURL()}, ChangelogTypesTest.class.getClassLoader());
    }

    @Test
    void eachDeclaredTypeIsItsJavaType() throws Exception {
        Map<String, String> generated = fieldTypes("EveryType");
        for (Case c : CASES) {
            assertEquals(c.javaType(), generated.get(c.column().toUpperCase()), c.type() + " column " + c.column());
        }
        assertEquals("Long", generated.get("ID"), "an INTEGER rowid key is a Long");
        Map<String, String> bigKey = fieldTypes("BigKey");
        assertEquals("Long", bigKey.get("ID"), "a BIGINT auto-increment key is accepted and a Long");
        assertEquals("Long", bigKey.get("EVERY_TYPE_ID"), "a column referencing a rowid key is a Long");
        assertEquals("LocalDateTime", bigKey.get("CREATED_AT"));
    }

    @Test
    void everyValueRoundTripsThroughTheGeneratedClassesInAnyJvmZone() throws Exception {
        for (String zone : List.of("UTC", "America/New_York", "Asia/Kathmandu")) {
            TimeZone before = TimeZone.getDefault();
            TimeZone.setDefault(TimeZone.getTimeZone(zone));
            try (Connection connection = migrated()) {
                roundTripEveryValue(DSL.using(connection, SQLDialect.SQLITE), "SQLite in JVM zone " + zone);
            } finally {
                TimeZone.setDefault(before);
            }
        }
    }

    @Test
    void theSameGeneratedClassesRoundTripEveryValueOnPostgresql() throws Exception {
        dev.strata.testing.PostgresServer server = dev.strata.testing.PostgresServer.shared();
        String url = server.url(server.newDatabase("types"));
        dev.strata.engine.Engine.on(dev.strata.engine.Target.parse(url)).changelog(changelogs.changelog())
                .withBackups(false).update();
        for (String zone : List.of("UTC", "America/New_York")) {
            TimeZone before = TimeZone.getDefault();
            TimeZone.setDefault(TimeZone.getTimeZone(zone));
            try (Connection connection = new org.postgresql.Driver().connect(url, new java.util.Properties())) {
                roundTripEveryValue(DSL.using(connection, SQLDialect.POSTGRES), "PostgreSQL in JVM zone " + zone);
            } finally {
                TimeZone.setDefault(before);
            }
        }
    }

    @Test
    void databaseDefaultsAndTheServicesWriteOneFormat() throws Exception {
        try (Connection connection = migrated()) {
            DSLContext db = DSL.using(connection, SQLDialect.SQLITE);
            Table<?> bigKey = table("BigKey");
            db.execute("INSERT INTO big_key DEFAULT VALUES");
            @SuppressWarnings("unchecked")
            TableField<Record, LocalDateTime> createdAt = (TableField<Record, LocalDateTime>) field(bigKey, "created_at");
            db.insertInto(bigKey).set(createdAt, LocalDateTime.of(2030, 1, 2, 3, 4, 5, 600_700_800)).execute();
            List<String> stored = new java.util.ArrayList<>();
            try (var rows = connection.createStatement().executeQuery("SELECT created_at, seen FROM big_key ORDER BY id")) {
                while (rows.next()) {
                    stored.add(rows.getString(1));
                    stored.add(rows.getString(2));
                }
            }
            String format = "\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d";
            assertTrue(stored.get(0).matches(format), "TIMESTAMP default: " + stored.get(0));
            assertTrue(stored.get(1).matches(format), "TIMESTAMP WITH TIME ZONE default: " + stored.get(1));
            assertEquals("2030-01-02 03:04:05", stored.get(2), "written by jOOQ: the same format, to the second");
            LocalDateTime defaulted = db.select(createdAt).from(bigKey).orderBy(DSL.field("id")).limit(1).fetchOne(createdAt);
            long skew = Math.abs(java.time.Duration.between(defaulted, LocalDateTime.now(ZoneOffset.UTC)).toMinutes());
            assertEquals(0, skew, "the default is UTC: " + defaulted);
        }
    }

    /** Writes one value of every type through the generated classes, reads the row back equal, and deletes it. */
    private static void roundTripEveryValue(DSLContext db, String where) throws Exception {
        Table<?> table = table("EveryType");
        Map<TableField<?, ?>, Object> values = new LinkedHashMap<>();
        for (Case c : CASES) {
            values.put(field(table, c.column()), c.value());
        }
        db.insertInto(table).set(values).execute();
        Record back = db.selectFrom(table).fetchOne();
        assertNotNull(back);
        for (Case c : CASES) {
            Object read = back.get(field(table, c.column()));
            if (c.value() instanceof byte[] bytes) {
                assertTrue(java.util.Arrays.equals(bytes, (byte[]) read), c.type() + " on " + where);
            } else {
                assertEquals(c.value(), read, c.type() + " on " + where);
            }
        }
        db.deleteFrom(table).execute();
    }

    private static Connection migrated() throws Exception {
        Path copy = Files.createTempFile(dir, "copy", ".db");
        Files.copy(dir.resolve("work/scratch.db"), copy, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        return DriverManager.getConnection("jdbc:sqlite:" + copy);
    }

    private static Table<?> table(String className) throws Exception {
        Class<?> type = classes.loadClass("test.types.tables." + className);
        return (Table<?>) type.getConstructor().newInstance();
    }

    private static TableField<?, ?> field(Table<?> table, String column) throws Exception {
        return (TableField<?, ?>) table.getClass().getField(column.toUpperCase()).get(table);
    }

    /** Field name → Java type, as written in the generated table class. */
    private static Map<String, String> fieldTypes(String className) throws Exception {
        String source = Files.readString(output.resolve("test/types/tables/" + className + ".java"));
        Matcher m = Pattern.compile("TableField<\\w+Record, ([\\w\\[\\]]+)> (\\w+) =").matcher(source);
        Map<String, String> result = new LinkedHashMap<>();
        while (m.find()) {
            result.put(m.group(2), m.group(1));
        }
        return result;
    }
}

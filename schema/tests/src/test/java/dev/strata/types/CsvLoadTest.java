package dev.strata.types;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;
import java.util.TimeZone;
import dev.strata.testing.TestChangelogs;
import dev.strata.engine.LiquibaseSession;
import liquibase.Liquibase;
import liquibase.database.Database;
import liquibase.database.DatabaseFactory;
import liquibase.database.jvm.JdbcConnection;
import liquibase.resource.DirectoryResourceAccessor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Liquibase's loadData writes the same storage format as the services and the defaults, whatever the JVM's zone. */
public class CsvLoadTest {
    private static final String TABLE = """
            <createTable tableName="moment">
              <column name="at" type="TIMESTAMP"/>
              <column name="zoned" type="TIMESTAMP WITH TIME ZONE"/>
              <column name="day" type="DATE"/>
              <column name="clock" type="TIME"/>
            </createTable>""";
    /** 02:30 on 2024-03-10 does not exist in New York: a JVM-zone conversion would move it. */
    public static final List<String> STORED = List.of("2024-03-10 02:30:00", "2024-03-09 20:45:00", "2024-03-10",
            "02:30:00");

    @TempDir
    Path dir;

    @Test
    void liquibaseLoadDataWritesTheStorageFormat() throws Exception {
        TestChangelogs changelogs = new TestChangelogs(dir);
        Files.write(dir.resolve("changes/moment.csv"), getClass().getResourceAsStream("/fixtures/moment.csv").readAllBytes());
        changelogs.add("0001-load-moments", TABLE + """
                    <loadData tableName="moment" file="moment.csv" relativeToChangelogFile="true"/>""");
        inZone("America/New_York", () -> {
            try (Connection connection = DriverManager.getConnection("jdbc:sqlite:" + dir.resolve("load.db"))) {
                Database database = DatabaseFactory.getInstance()
                        .findCorrectDatabaseImplementation(new JdbcConnection(connection));
                LiquibaseSession.call(() -> {
                    new Liquibase("master.xml", new DirectoryResourceAccessor(dir.toFile()), database).update("");
                    return null;
                });
                assertEquals(STORED, stored(connection));
            }
        });
    }

    public static List<String> stored(Connection connection) throws Exception {
        List<String> values = new ArrayList<>();
        try (ResultSet rs = connection.createStatement().executeQuery("SELECT at, zoned, day, clock FROM moment")) {
            while (rs.next()) {
                for (int i = 1; i <= 4; i++) {
                    values.add(rs.getString(i));
                }
            }
        }
        return values;
    }

    public interface Body {
        void run() throws Exception;
    }

    public static void inZone(String zone, Body body) throws Exception {
        TimeZone before = TimeZone.getDefault();
        TimeZone.setDefault(TimeZone.getTimeZone(zone));
        try {
            body.run();
        } finally {
            TimeZone.setDefault(before);
        }
    }
}

package dev.strata.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.strata.types.CsvLoadTest;
import java.sql.Connection;
import java.sql.DriverManager;
import org.junit.jupiter.api.Test;

/** A CSV seed fixture writes dates and times as the services do, whatever the JVM's zone. */
class FixtureFormatTest {
    @Test
    void csvFixturesWriteTheStorageFormat() throws Exception {
        CsvLoadTest.inZone("America/New_York", () -> {
            try (Connection connection = DriverManager.getConnection("jdbc:sqlite::memory:")) {
                connection.createStatement().execute("CREATE TABLE moment (at TIMESTAMP, zoned TIMESTAMP WITH TIME ZONE,"
                        + " day DATE, clock TIME)");
                Fixture.apply(connection, "fixtures/moment.csv");
                assertEquals(CsvLoadTest.STORED, CsvLoadTest.stored(connection));
            }
        });
    }
}

package dev.strata.types;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The storage format, on generated values: read back equal (to the second), and text order is time order. */
class SqliteTextTest {
    private static final int RUNS = 2_000;

    @Test
    void timestampsRoundTripAndSortAsText() {
        Random random = new Random(16);
        for (int i = 0; i < RUNS; i++) {
            LocalDateTime a = timestamp(random);
            LocalDateTime b = timestamp(random);
            assertEquals(a.truncatedTo(Timestamps.UNIT), SqliteText.parseTimestamp(SqliteText.timestamp(a)), a.toString());
            assertEquals(Integer.signum(a.truncatedTo(Timestamps.UNIT).compareTo(b.truncatedTo(Timestamps.UNIT))),
                    Integer.signum(SqliteText.timestamp(a).compareTo(SqliteText.timestamp(b))), a + " vs " + b);
        }
    }

    @Test
    void timestampsWithAZoneAreStoredAsTheSameInstantInUtc() {
        Random random = new Random(17);
        for (int i = 0; i < RUNS; i++) {
            OffsetDateTime a = timestamp(random).atOffset(ZoneOffset.ofTotalSeconds(random.nextInt(-18 * 4, 18 * 4) * 900));
            OffsetDateTime b = timestamp(random).atOffset(ZoneOffset.ofTotalSeconds(random.nextInt(-18 * 4, 18 * 4) * 900));
            OffsetDateTime read = SqliteText.parseTimestampTz(SqliteText.timestampTz(a));
            assertEquals(a.truncatedTo(Timestamps.UNIT).toInstant(), read.toInstant(), a.toString());
            assertEquals(ZoneOffset.UTC, read.getOffset());
            assertEquals(Integer.signum(a.toInstant().getEpochSecond() == b.toInstant().getEpochSecond() ? 0
                            : a.toInstant().compareTo(b.toInstant())),
                    Integer.signum(SqliteText.timestampTz(a).compareTo(SqliteText.timestampTz(b))), a + " vs " + b);
        }
    }

    @Test
    void datesAndTimesRoundTrip() {
        Random random = new Random(18);
        for (int i = 0; i < RUNS; i++) {
            LocalDateTime t = timestamp(random);
            LocalDate date = t.toLocalDate();
            LocalTime time = t.toLocalTime();
            assertEquals(date, SqliteText.parseDate(SqliteText.date(date)));
            assertEquals(time.truncatedTo(Timestamps.UNIT), SqliteText.parseTime(SqliteText.time(time)));
        }
    }

    @Test
    void readsWhatOtherWritersLeft() {
        LocalDateTime expected = LocalDateTime.of(2026, 11, 21, 8, 57, 23);
        for (String text : new String[] {"2026-11-21 08:57:23", "2026-11-21T08:57:23", "2026-11-21 08:57:23.0",
            "2026-11-21T08:57:23.000000", "2026-11-21 10:57:23+02:00", "2026-11-21T08:57:23Z"}) {
            assertEquals(expected, SqliteText.parseTimestamp(text).truncatedTo(Timestamps.UNIT), text);
        }
    }

    /** Any second from year 1 to 9999, with a random fraction that the format drops. */
    private static LocalDateTime timestamp(Random random) {
        long min = LocalDateTime.of(1, 1, 1, 0, 0).toEpochSecond(ZoneOffset.UTC);
        long max = LocalDateTime.of(9999, 12, 31, 23, 59, 59).toEpochSecond(ZoneOffset.UTC);
        return LocalDateTime.ofEpochSecond(random.nextLong(min, max + 1), random.nextInt(1_000_000_000), ZoneOffset.UTC);
    }
}

package dev.strata.types;

import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;

/**
 * Strata's one decision about time, on every engine: timestamps are UTC and kept to the second, the
 * precision of SQLite's {@code CURRENT_TIMESTAMP} (PostgreSQL columns are declared with precision 0 to match).
 */
public final class Timestamps {
    public static final int PRECISION = 0;
    public static final ChronoUnit UNIT = ChronoUnit.SECONDS;

    private Timestamps() {
    }

    /** Now, as a {@code TIMESTAMP} column holds it: UTC wall time, to the second, whatever the JVM's zone. */
    public static LocalDateTime now() {
        return LocalDateTime.now(ZoneOffset.UTC).truncatedTo(UNIT);
    }

    /** Now, as a {@code TIMESTAMP WITH TIME ZONE} column holds it. */
    public static OffsetDateTime nowWithZone() {
        return OffsetDateTime.now(ZoneOffset.UTC).truncatedTo(UNIT);
    }
}

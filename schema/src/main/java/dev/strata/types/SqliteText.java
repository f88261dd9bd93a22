package dev.strata.types;

import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.temporal.ChronoField;
import java.time.temporal.TemporalAccessor;

/**
 * The one storage format of each date/time type on SQLite, which has no such types: ISO-8601 text in UTC
 * to the second, exactly what SQLite's own {@code CURRENT_TIMESTAMP}, {@code CURRENT_DATE} and
 * {@code CURRENT_TIME} write, so that defaults and the services agree, text order is time order and
 * SQLite's date functions read every value. A {@code TIMESTAMP WITH TIME ZONE} is the same text: always UTC.
 */
public final class SqliteText {
    static final DateTimeFormatter TIMESTAMP = DateTimeFormatter.ofPattern("uuuu-MM-dd HH:mm:ss");
    static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss");
    static final DateTimeFormatter DATE = DateTimeFormatter.ISO_LOCAL_DATE;

    /** Reads what other writers may have left too: 'T' or space, 0-9 fractional digits, an optional offset. */
    private static final DateTimeFormatter LENIENT = new DateTimeFormatterBuilder()
            .append(DateTimeFormatter.ISO_LOCAL_DATE)
            .optionalStart().appendLiteral('T').optionalEnd()
            .optionalStart().appendLiteral(' ').optionalEnd()
            .append(DateTimeFormatter.ofPattern("HH:mm[:ss]"))
            .optionalStart().appendFraction(ChronoField.NANO_OF_SECOND, 0, 9, true).optionalEnd()
            .optionalStart().appendOffset("+HH:MM", "Z").optionalEnd()
            .optionalStart().appendOffset("+HHmm", "Z").optionalEnd()
            .optionalStart().appendOffset("+HH", "Z").optionalEnd()
            .toFormatter();
    private static final DateTimeFormatter LENIENT_TIME = new DateTimeFormatterBuilder()
            .append(DateTimeFormatter.ofPattern("HH:mm[:ss]"))
            .optionalStart().appendFraction(ChronoField.NANO_OF_SECOND, 0, 9, true).optionalEnd()
            .toFormatter();

    private SqliteText() {
    }

    public static String timestamp(LocalDateTime value) {
        return TIMESTAMP.format(value.truncatedTo(Timestamps.UNIT));
    }

    public static String timestampTz(OffsetDateTime value) {
        return TIMESTAMP.format(value.withOffsetSameInstant(ZoneOffset.UTC).truncatedTo(Timestamps.UNIT));
    }

    public static String time(LocalTime value) {
        return TIME.format(value.truncatedTo(Timestamps.UNIT));
    }

    public static String date(LocalDate value) {
        return DATE.format(value);
    }

    /** A value without an offset is UTC; one with an offset is converted to UTC. */
    public static LocalDateTime parseTimestamp(String text) {
        TemporalAccessor parsed = LENIENT.parse(text.strip());
        LocalDateTime local = LocalDateTime.from(parsed);
        return parsed.isSupported(ChronoField.OFFSET_SECONDS)
                ? local.atOffset(ZoneOffset.from(parsed)).withOffsetSameInstant(ZoneOffset.UTC).toLocalDateTime()
                : local;
    }

    /** A value without an offset is UTC. */
    public static OffsetDateTime parseTimestampTz(String text) {
        TemporalAccessor parsed = LENIENT.parse(text.strip());
        ZoneOffset offset = parsed.isSupported(ChronoField.OFFSET_SECONDS) ? ZoneOffset.from(parsed) : ZoneOffset.UTC;
        return LocalDateTime.from(parsed).atOffset(offset).withOffsetSameInstant(ZoneOffset.UTC);
    }

    public static LocalTime parseTime(String text) {
        return LocalTime.from(LENIENT_TIME.parse(text.strip()));
    }

    public static LocalDate parseDate(String text) {
        String date = text.strip();
        return LocalDate.parse(date.length() > 10 ? date.substring(0, 10) : date, DATE);
    }
}

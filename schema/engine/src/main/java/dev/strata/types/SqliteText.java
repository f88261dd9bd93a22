package dev.strata.types;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.temporal.ChronoField;
import java.time.temporal.TemporalAccessor;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

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

    /**
     * The storage form of a value bound for a column of the given declared SQLite type, for writers that
     * bypass jOOQ (CSV loads); null when the column is not a date/time column. A {@code java.util.Date}
     * is read as Liquibase made it: wall time in the JVM's zone, or an instant for a zoned column.
     */
    public static String storageForm(String declaredType, Object value) {
        String type = declaredType == null ? "" : declaredType.strip().toUpperCase(Locale.ROOT);
        if (value == null || !type.matches("(TIMESTAMP|DATETIME|DATE|TIME)\\b.*")) {
            return null;
        }
        java.util.Date date = value instanceof java.util.Date d ? d : null;
        String text = value.toString();
        if (type.matches("TIMESTAMP\\s+WITH\\s+TIME\\s+ZONE.*")) {
            return timestampTz(date != null ? OffsetDateTime.ofInstant(date.toInstant(), ZoneOffset.UTC)
                    : parseTimestampTz(text));
        }
        if (type.startsWith("TIMESTAMP") || type.startsWith("DATETIME")) {
            return timestamp(date != null ? new java.sql.Timestamp(date.getTime()).toLocalDateTime() : parseTimestamp(text));
        }
        if (type.startsWith("DATE")) {
            return date(date != null ? new java.sql.Date(date.getTime()).toLocalDate() : parseDate(text));
        }
        return time(date != null ? new java.sql.Time(date.getTime()).toLocalTime() : parseTime(text));
    }

    /** Column name (lower case) → the type SQLite's schema declares for it. */
    public static Map<String, String> declaredTypes(Connection connection, String table) throws SQLException {
        Map<String, String> types = new HashMap<>();
        try (Statement s = connection.createStatement();
             ResultSet rs = s.executeQuery("SELECT name, type FROM pragma_table_info('" + table.replace("'", "''")
                     + "')")) {
            while (rs.next()) {
                types.put(rs.getString(1).toLowerCase(Locale.ROOT), rs.getString(2));
            }
        }
        return types;
    }
}

package dev.strata.types;

import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import liquibase.change.core.LoadDataChange;
import liquibase.database.Database;
import liquibase.database.core.PostgresDatabase;
import liquibase.database.core.SQLiteDatabase;
import liquibase.datatype.DataTypeInfo;
import liquibase.datatype.DatabaseDataType;
import liquibase.datatype.LiquibaseDataType;
import liquibase.datatype.core.BigIntType;
import liquibase.datatype.core.BlobType;
import liquibase.datatype.core.CurrencyType;
import liquibase.datatype.core.DateTimeType;
import liquibase.datatype.core.DateType;
import liquibase.datatype.core.FloatType;
import liquibase.datatype.core.NumberType;
import liquibase.datatype.core.TimeType;
import liquibase.datatype.core.TimestampType;
import liquibase.datatype.core.UUIDType;

/**
 * How Strata writes changelog types into DDL. On SQLite the declared name is kept wherever SQLite's type
 * affinity stores the values unchanged (ISO text never looks like a number), so that jOOQ, reading the
 * schema, derives the Java type from what the changelog said (stock Liquibase writes {@code TEXT}). On
 * PostgreSQL times get Strata's one precision and BLOB is bytes, to match the classes generated from SQLite.
 */
public final class DeclaredTypes {
    private DeclaredTypes() {
    }

    static boolean sqlite(Database database) {
        return database instanceof SQLiteDatabase;
    }

    static boolean postgres(Database database) {
        return database instanceof PostgresDatabase;
    }

    static boolean either(Database database) {
        return sqlite(database) || postgres(database);
    }

    static String zone(LiquibaseDataType type) {
        return ColumnTypes.withZone(type) ? " WITH TIME ZONE" : " WITHOUT TIME ZONE";
    }

    /** {@code TIMESTAMP} and {@code TIMESTAMP WITH TIME ZONE} keep their names (stock writes TEXT). */
    @DataTypeInfo(name = "timestamp", aliases = {"java.sql.Types.TIMESTAMP", "java.sql.Types.TIMESTAMP_WITH_TIMEZONE",
        "java.sql.Timestamp", "timestamptz"}, minParameters = 0, maxParameters = 1,
        priority = LiquibaseDataType.PRIORITY_DATABASE)
    public static class Timestamp extends TimestampType {
        private boolean onSqlite;

        @Override
        public boolean supports(Database database) {
            onSqlite = sqlite(database);
            return either(database);
        }

        @Override
        public LoadDataChange.LOAD_DATA_TYPE getLoadTypeName() {
            return csvText(onSqlite, super.getLoadTypeName());
        }

        @Override
        public DatabaseDataType toDatabaseDataType(Database database) {
            if (postgres(database)) {
                return new DatabaseDataType("TIMESTAMP(" + Timestamps.PRECISION + ")" + zone(this));
            }
            return new DatabaseDataType(ColumnTypes.withZone(this) ? "TIMESTAMP WITH TIME ZONE" : "TIMESTAMP");
        }

        @Override
        public String objectToSql(Object value, Database database) {
            String literal = !sqlite(database) ? null
                    : ColumnTypes.withZone(this) ? timestampTzLiteral(value) : timestampLiteral(value);
            return literal != null ? literal : super.objectToSql(value, database);
        }
    }

    /** {@code DATETIME} keeps its name (stock writes TEXT). */
    @DataTypeInfo(name = "datetime", aliases = {"java.sql.Types.DATETIME", "java.util.Date", "smalldatetime",
        "datetime2"}, minParameters = 0, maxParameters = 1, priority = LiquibaseDataType.PRIORITY_DATABASE)
    public static class DateTime extends DateTimeType {
        private boolean onSqlite;

        @Override
        public boolean supports(Database database) {
            onSqlite = sqlite(database);
            return either(database);
        }

        @Override
        public LoadDataChange.LOAD_DATA_TYPE getLoadTypeName() {
            return csvText(onSqlite, super.getLoadTypeName());
        }

        @Override
        public DatabaseDataType toDatabaseDataType(Database database) {
            return new DatabaseDataType(postgres(database)
                    ? "TIMESTAMP(" + Timestamps.PRECISION + ") WITHOUT TIME ZONE"
                    : "DATETIME");
        }

        @Override
        public String objectToSql(Object value, Database database) {
            String literal = sqlite(database) ? timestampLiteral(value) : null;
            return literal != null ? literal : super.objectToSql(value, database);
        }
    }

    /** {@code TIME}; to the second on PostgreSQL too. */
    @DataTypeInfo(name = "time", aliases = {"java.sql.Types.TIME", "java.sql.Time", "timetz"}, minParameters = 0,
        maxParameters = 1, priority = LiquibaseDataType.PRIORITY_DATABASE)
    public static class Time extends TimeType {
        private boolean onSqlite;

        @Override
        public boolean supports(Database database) {
            onSqlite = sqlite(database);
            return either(database);
        }

        @Override
        public LoadDataChange.LOAD_DATA_TYPE getLoadTypeName() {
            return csvText(onSqlite, super.getLoadTypeName());
        }

        @Override
        public DatabaseDataType toDatabaseDataType(Database database) {
            return new DatabaseDataType(postgres(database) ? "TIME(" + Timestamps.PRECISION + ")" + zone(this) : "TIME");
        }

        @Override
        public String objectToSql(Object value, Database database) {
            LocalTime time = !sqlite(database) ? null : value instanceof java.sql.Time t ? t.toLocalTime()
                    : value instanceof String s ? parseOrNull(() -> SqliteText.parseTime(s)) : null;
            return time != null ? quote(SqliteText.time(time)) : super.objectToSql(value, database);
        }
    }

    /** {@code UUID} stays {@code UUID}: canonical text. */
    @DataTypeInfo(name = "uuid", aliases = {"uniqueidentifier", "java.util.UUID"}, minParameters = 0,
        maxParameters = 0, priority = LiquibaseDataType.PRIORITY_DATABASE)
    public static class Uuid extends UUIDType {
        @Override
        public boolean supports(Database database) {
            return sqlite(database);
        }

        @Override
        public DatabaseDataType toDatabaseDataType(Database database) {
            return new DatabaseDataType("UUID");
        }
    }

    /** An auto-increment {@code BIGINT} is SQLite's 64-bit {@code INTEGER PRIMARY KEY} (the only type AUTOINCREMENT takes). */
    @DataTypeInfo(name = "bigint", aliases = {"java.sql.Types.BIGINT", "java.math.BigInteger", "java.lang.Long",
        "integer8", "bigserial", "serial8", "int8"}, minParameters = 0, maxParameters = 1,
        priority = LiquibaseDataType.PRIORITY_DATABASE)
    public static class BigInt extends BigIntType {
        @Override
        public boolean supports(Database database) {
            return sqlite(database);
        }

        @Override
        public DatabaseDataType toDatabaseDataType(Database database) {
            return isAutoIncrement() ? new DatabaseDataType("INTEGER") : new DatabaseDataType("BIGINT");
        }
    }

    /** {@code CURRENCY} → {@code DECIMAL(15, 4)} on every engine, not a binary {@code REAL}. */
    @DataTypeInfo(name = "currency", aliases = {"money", "smallmoney"}, minParameters = 0, maxParameters = 0,
        priority = LiquibaseDataType.PRIORITY_DATABASE)
    public static class Currency extends CurrencyType {
        @Override
        public boolean supports(Database database) {
            return either(database);
        }

        @Override
        public DatabaseDataType toDatabaseDataType(Database database) {
            return new DatabaseDataType("DECIMAL", ColumnTypes.MAX_DECIMAL_PRECISION, 4);
        }
    }

    /** {@code NUMERIC(p,s)} stays {@code NUMERIC(p,s)} (stock writes Oracle's {@code NUMBER}, unknown to jOOQ's SQLite). */
    @DataTypeInfo(name = "number", aliases = {"numeric", "java.sql.Types.NUMERIC"}, minParameters = 0,
        maxParameters = 2, priority = LiquibaseDataType.PRIORITY_DATABASE)
    public static class Numeric extends NumberType {
        @Override
        public boolean supports(Database database) {
            return sqlite(database);
        }

        @Override
        public DatabaseDataType toDatabaseDataType(Database database) {
            return new DatabaseDataType("NUMERIC", getParameters());
        }
    }

    /** {@code REAL} stays {@code REAL} (4-byte in PostgreSQL, so a Java {@code Float}); {@code FLOAT} stays {@code FLOAT}. */
    @DataTypeInfo(name = "float", aliases = {"java.sql.Types.FLOAT", "java.lang.Float", "real", "java.sql.Types.REAL"},
        minParameters = 0, maxParameters = 2, priority = LiquibaseDataType.PRIORITY_DATABASE)
    public static class Float extends FloatType {
        @Override
        public boolean supports(Database database) {
            return sqlite(database);
        }

        @Override
        public DatabaseDataType toDatabaseDataType(Database database) {
            String raw = getRawDefinition() == null ? "" : getRawDefinition().toLowerCase(Locale.ROOT);
            return new DatabaseDataType(raw.startsWith("real") || raw.endsWith(".real") ? "REAL" : "FLOAT");
        }
    }

    /** {@code DATE}: as stock on SQLite, but loadData hands {@link CsvLoad} the CSV's text. */
    @DataTypeInfo(name = "date", aliases = {"java.sql.Types.DATE", "java.sql.Date"}, minParameters = 0,
        maxParameters = 0, priority = LiquibaseDataType.PRIORITY_DATABASE)
    public static class Date extends DateType {
        @Override
        public boolean supports(Database database) {
            return sqlite(database);
        }

        @Override
        public LoadDataChange.LOAD_DATA_TYPE getLoadTypeName() {
            return csvText(true, super.getLoadTypeName());
        }
    }

    /**
     * On SQLite a CSV date/time reaches {@link CsvLoad} as its text: parsed by Liquibase instead, it would
     * become a {@code java.util.Date} in the JVM's zone, where a wall time inside a DST gap does not exist.
     * ({@link #supports} is the only place a type learns its database before this is asked.)
     */
    static LoadDataChange.LOAD_DATA_TYPE csvText(boolean onSqlite, LoadDataChange.LOAD_DATA_TYPE standard) {
        return onSqlite ? LoadDataChange.LOAD_DATA_TYPE.STRING : standard;
    }

    /** BLOB on PostgreSQL: stock writes {@code OID} (a large-object handle), not the {@code byte[]} the services get. */
    @DataTypeInfo(name = "blob", aliases = {"longblob", "longvarbinary", "java.sql.Types.BLOB",
        "java.sql.Types.LONGBLOB", "java.sql.Types.LONGVARBINARY", "java.sql.Types.VARBINARY",
        "java.sql.Types.BINARY", "varbinary", "binary", "image", "tinyblob", "mediumblob", "long binary",
        "long varbinary"}, minParameters = 0, maxParameters = 1, priority = LiquibaseDataType.PRIORITY_DATABASE)
    public static class Blob extends BlobType {
        @Override
        public boolean supports(Database database) {
            return postgres(database);
        }

        @Override
        public DatabaseDataType toDatabaseDataType(Database database) {
            return new DatabaseDataType("BYTEA");
        }
    }

    /** A timestamp literal (defaultValueDate, loadData, insert) in the storage format; null if not a time. */
    static String timestampLiteral(Object value) {
        LocalDateTime time = value instanceof java.sql.Timestamp t ? t.toLocalDateTime()
                : value instanceof java.util.Date d ? new java.sql.Timestamp(d.getTime()).toLocalDateTime()
                : value instanceof String s ? parseOrNull(() -> SqliteText.parseTimestamp(s)) : null;
        return time == null ? null : quote(SqliteText.timestamp(time));
    }

    static String timestampTzLiteral(Object value) {
        String local = timestampLiteral(value);
        if (value instanceof String s && local != null) {
            var parsed = parseOrNull(() -> SqliteText.parseTimestampTz(s));
            return parsed == null ? null : quote(SqliteText.timestampTz(parsed));
        }
        return local;
    }

    private static String quote(String text) {
        return "'" + text + "'";
    }

    private static <T> T parseOrNull(java.util.function.Supplier<T> parse) {
        try {
            return parse.get();
        } catch (DateTimeParseException e) {
            return null;
        }
    }
}

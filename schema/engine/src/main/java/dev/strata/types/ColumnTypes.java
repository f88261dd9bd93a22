package dev.strata.types;

import java.util.Locale;
import liquibase.datatype.LiquibaseDataType;
import liquibase.datatype.core.BigIntType;
import liquibase.datatype.core.BlobType;
import liquibase.datatype.core.BooleanType;
import liquibase.datatype.core.CharType;
import liquibase.datatype.core.ClobType;
import liquibase.datatype.core.CurrencyType;
import liquibase.datatype.core.DateTimeType;
import liquibase.datatype.core.DateType;
import liquibase.datatype.core.DecimalType;
import liquibase.datatype.core.DoubleType;
import liquibase.datatype.core.FloatType;
import liquibase.datatype.core.IntType;
import liquibase.datatype.core.NCharType;
import liquibase.datatype.core.NVarcharType;
import liquibase.datatype.core.NumberType;
import liquibase.datatype.core.SmallIntType;
import liquibase.datatype.core.TimeType;
import liquibase.datatype.core.TinyIntType;
import liquibase.datatype.core.UUIDType;
import liquibase.datatype.core.UnknownType;
import liquibase.datatype.core.VarcharType;

/**
 * Which changelog types Strata accepts, and why the others are refused: SQLite stores any value in any
 * column, so a type it cannot hold faithfully would otherwise become a silent {@code String} or lose digits.
 */
public final class ColumnTypes {
    /** SQLite converts decimal text to a double: 15 significant digits survive exactly. */
    public static final int MAX_DECIMAL_PRECISION = 15;

    public static final String SUPPORTED = "TIMESTAMP, DATETIME, TIMESTAMP WITH TIME ZONE, DATE, TIME, UUID, "
            + "BOOLEAN, TINYINT, SMALLINT, INTEGER, BIGINT, DECIMAL(p,s) or NUMERIC(p,s) with p <= "
            + MAX_DECIMAL_PRECISION + ", CURRENCY, FLOAT, DOUBLE, REAL, CHAR(n), VARCHAR(n), NCHAR(n), NVARCHAR(n), "
            + "CLOB, NCLOB, TEXT, BLOB";

    private static final Class<?>[] ACCEPTED = {DateTimeType.class, DateType.class, TimeType.class, UUIDType.class,
        BooleanType.class, TinyIntType.class, SmallIntType.class, IntType.class, BigIntType.class, DecimalType.class,
        NumberType.class, CurrencyType.class, FloatType.class, DoubleType.class, CharType.class, VarcharType.class,
        NCharType.class, NVarcharType.class, ClobType.class, BlobType.class};

    private ColumnTypes() {
    }

    /** Why SQLite cannot hold this declared type faithfully, or null when it can. */
    public static String refusal(LiquibaseDataType type) {
        String declared = type.getRawDefinition() == null ? type.getName() : type.getRawDefinition();
        if (type instanceof UnknownType) {
            return declared + " is not a type Liquibase knows (it would reach SQLite as a name without meaning "
                    + "and the services as an untyped value)";
        }
        if (!accepted(type)) {
            return declared + " has no faithful form on SQLite";
        }
        if (type instanceof DateTimeType || type instanceof TimeType) {
            Integer precision = firstParameter(type);
            if (precision != null && precision != Timestamps.PRECISION) {
                return declared + " asks for precision " + precision + ", but Strata keeps every time to the "
                        + "second on every engine, as SQLite's CURRENT_TIMESTAMP does (declare it without a precision)";
            }
            if (type instanceof TimeType && withZone(type)) {
                return declared + " keeps a zone that SQLite has no way to store with a time of day "
                        + "(use TIME for a UTC time, or TIMESTAMP WITH TIME ZONE)";
            }
        }
        if (type instanceof DecimalType || type instanceof NumberType) {
            Integer precision = firstParameter(type);
            if (precision == null || precision > MAX_DECIMAL_PRECISION) {
                return declared + " may hold more than " + MAX_DECIMAL_PRECISION + " significant digits, and SQLite "
                        + "keeps only " + MAX_DECIMAL_PRECISION + " (declare DECIMAL(p,s) with p <= "
                        + MAX_DECIMAL_PRECISION + ", or a BIGINT of minor units)";
            }
        }
        return null;
    }

    private static boolean accepted(LiquibaseDataType type) {
        for (Class<?> accepted : ACCEPTED) {
            if (accepted.isInstance(type)) {
                return true;
            }
        }
        return false;
    }

    /** {@code TIMESTAMP WITH TIME ZONE}, {@code timestamptz} and their JDBC names, not WITHOUT TIME ZONE. */
    static boolean withZone(LiquibaseDataType type) {
        String info = type.getAdditionalInformation() == null ? "" : type.getAdditionalInformation();
        String raw = type.getRawDefinition() == null ? "" : type.getRawDefinition().toLowerCase(Locale.ROOT);
        return info.toUpperCase(Locale.ROOT).matches("WITH\\s+TIME\\s+ZONE.*") || raw.startsWith("timestamptz")
                || raw.startsWith("timetz") || raw.contains("with_timezone");
    }

    static Integer firstParameter(LiquibaseDataType type) {
        Object[] parameters = type.getParameters();
        if (parameters.length == 0 || parameters[0] == null) {
            return null;
        }
        try {
            return Integer.valueOf(parameters[0].toString().strip());
        } catch (NumberFormatException e) {
            return Integer.MAX_VALUE;
        }
    }
}

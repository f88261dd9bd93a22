package dev.strata.types;

import java.sql.SQLException;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.util.function.Function;
import java.util.function.UnaryOperator;
import org.jooq.BindingGetResultSetContext;
import org.jooq.BindingSQLContext;
import org.jooq.BindingSetStatementContext;
import org.jooq.DataType;
import org.jooq.conf.ParamType;
import org.jooq.impl.DSL;
import org.jooq.impl.SQLDataType;

/**
 * The jOOQ bindings the generated classes use for date/time columns. On SQLite every value is written and
 * read as {@link SqliteText} (never through {@code java.sql.Timestamp}, whose conversions use the JVM's zone);
 * on PostgreSQL the driver's java.time support is used directly. Both truncate to {@link Timestamps#UNIT}.
 */
public abstract class TextBindings<T> extends StandardBinding<T> {
    private final Class<T> type;
    private final Function<T, String> format;
    private final Function<String, T> parse;
    private final UnaryOperator<T> normalise;

    TextBindings(DataType<T> type, Function<T, String> format, Function<String, T> parse, UnaryOperator<T> normalise) {
        super(type);
        this.type = type.getType();
        this.format = format;
        this.parse = parse;
        this.normalise = normalise;
    }

    /** {@code TIMESTAMP} and {@code DATETIME}: UTC wall time. */
    public static final class Timestamp extends TextBindings<LocalDateTime> {
        public Timestamp() {
            super(SQLDataType.LOCALDATETIME(Timestamps.PRECISION), SqliteText::timestamp, SqliteText::parseTimestamp,
                    v -> v.truncatedTo(Timestamps.UNIT));
        }
    }

    /** {@code TIMESTAMP WITH TIME ZONE}: an instant, stored in UTC and read back with offset UTC. */
    public static final class TimestampWithZone extends TextBindings<OffsetDateTime> {
        public TimestampWithZone() {
            super(SQLDataType.OFFSETDATETIME(Timestamps.PRECISION), SqliteText::timestampTz,
                    SqliteText::parseTimestampTz, v -> v.truncatedTo(Timestamps.UNIT));
        }
    }

    /** {@code TIME}. */
    public static final class Time extends TextBindings<LocalTime> {
        public Time() {
            super(SQLDataType.LOCALTIME(Timestamps.PRECISION), SqliteText::time, SqliteText::parseTime,
                    v -> v.truncatedTo(Timestamps.UNIT));
        }
    }

    /** {@code DATE}. */
    public static final class Date extends TextBindings<LocalDate> {
        public Date() {
            super(SQLDataType.LOCALDATE, SqliteText::date, SqliteText::parseDate, UnaryOperator.identity());
        }
    }

    @Override
    public void sql(BindingSQLContext<T> ctx) throws SQLException {
        if (sqlite(ctx.dialect()) && ctx.value() != null && ctx.render().paramType() == ParamType.INLINED) {
            ctx.render().visit(DSL.inline(format.apply(ctx.value())));
        } else {
            standard.sql(ctx);
        }
    }

    @Override
    public void set(BindingSetStatementContext<T> ctx) throws SQLException {
        if (ctx.value() == null) {
            standard.set(ctx);
        } else if (sqlite(ctx.dialect())) {
            ctx.statement().setString(ctx.index(), format.apply(ctx.value()));
        } else if (postgres(ctx.dialect())) {
            ctx.statement().setObject(ctx.index(), normalise.apply(ctx.value()));
        } else {
            standard.set(ctx);
        }
    }

    @Override
    public void get(BindingGetResultSetContext<T> ctx) throws SQLException {
        if (sqlite(ctx.dialect())) {
            String text = ctx.resultSet().getString(ctx.index());
            ctx.value(text == null ? null : parse.apply(text));
        } else if (postgres(ctx.dialect())) {
            ctx.value(ctx.resultSet().getObject(ctx.index(), type));
        } else {
            standard.get(ctx);
        }
    }
}

package dev.strata.types;

import java.sql.SQLException;
import org.jooq.Binding;
import org.jooq.BindingGetResultSetContext;
import org.jooq.BindingGetSQLInputContext;
import org.jooq.BindingGetStatementContext;
import org.jooq.BindingRegisterContext;
import org.jooq.BindingSQLContext;
import org.jooq.BindingSetSQLOutputContext;
import org.jooq.BindingSetStatementContext;
import org.jooq.Converter;
import org.jooq.DataType;
import org.jooq.SQLDialect;
import org.jooq.impl.DefaultBinding;

/** jOOQ's own binding for a type, for Strata's bindings to override only where an engine needs it. */
abstract class StandardBinding<T> implements Binding<T, T> {
    final Binding<T, T> standard;

    StandardBinding(DataType<T> type) {
        this.standard = DefaultBinding.binding(type);
    }

    @Override
    public Converter<T, T> converter() {
        return standard.converter();
    }

    @Override
    public void sql(BindingSQLContext<T> ctx) throws SQLException {
        standard.sql(ctx);
    }

    @Override
    public void register(BindingRegisterContext<T> ctx) throws SQLException {
        standard.register(ctx);
    }

    @Override
    public void set(BindingSetStatementContext<T> ctx) throws SQLException {
        standard.set(ctx);
    }

    @Override
    public void set(BindingSetSQLOutputContext<T> ctx) throws SQLException {
        standard.set(ctx);
    }

    @Override
    public void get(BindingGetResultSetContext<T> ctx) throws SQLException {
        standard.get(ctx);
    }

    @Override
    public void get(BindingGetStatementContext<T> ctx) throws SQLException {
        standard.get(ctx);
    }

    @Override
    public void get(BindingGetSQLInputContext<T> ctx) throws SQLException {
        standard.get(ctx);
    }

    static boolean sqlite(SQLDialect dialect) {
        return dialect.family() == SQLDialect.SQLITE;
    }

    static boolean postgres(SQLDialect dialect) {
        return dialect.family() == SQLDialect.POSTGRES;
    }
}

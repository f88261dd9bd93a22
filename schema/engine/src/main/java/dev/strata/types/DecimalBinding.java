package dev.strata.types;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.sql.SQLException;
import org.jooq.BindingGetResultSetContext;
import org.jooq.impl.SQLDataType;

/**
 * {@code DECIMAL(p,s)} and {@code NUMERIC(p,s)}: SQLite keeps the number (exactly, up to 15 significant
 * digits) but not its scale, so a value is read back with the column's declared scale, as PostgreSQL returns it.
 */
public final class DecimalBinding extends StandardBinding<BigDecimal> {
    public DecimalBinding() {
        super(SQLDataType.DECIMAL);
    }

    @Override
    public void get(BindingGetResultSetContext<BigDecimal> ctx) throws SQLException {
        if (!sqlite(ctx.dialect())) {
            standard.get(ctx);
            return;
        }
        String text = ctx.resultSet().getString(ctx.index());
        int scale = ctx.field() == null ? 0 : ctx.field().getDataType().scale();
        ctx.value(text == null ? null : new BigDecimal(text).setScale(scale, RoundingMode.HALF_EVEN));
    }
}

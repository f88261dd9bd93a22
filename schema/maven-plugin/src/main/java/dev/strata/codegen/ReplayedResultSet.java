package dev.strata.codegen;

import java.lang.reflect.Proxy;
import java.math.BigDecimal;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.util.ArrayList;
import java.util.List;
import javax.sql.rowset.RowSetMetaDataImpl;

/**
 * A metadata answer read once into memory and replayed as a fresh forward-only {@link ResultSet} per
 * caller. (CachedRowSet.createCopy() serialises the whole set on every copy, which costs more than the
 * query it saves.)
 */
final class ReplayedResultSet {
    private final RowSetMetaDataImpl meta = new RowSetMetaDataImpl();
    private final List<String> labels = new ArrayList<>();
    private final List<Object[]> rows = new ArrayList<>();

    ReplayedResultSet(ResultSet source) throws SQLException {
        ResultSetMetaData m = source.getMetaData();
        int columns = m.getColumnCount();
        meta.setColumnCount(columns);
        for (int i = 1; i <= columns; i++) {
            meta.setColumnLabel(i, m.getColumnLabel(i));
            meta.setColumnName(i, m.getColumnName(i));
            meta.setColumnType(i, m.getColumnType(i));
            meta.setColumnTypeName(i, m.getColumnTypeName(i));
            meta.setNullable(i, m.isNullable(i));
            labels.add(m.getColumnLabel(i));
        }
        while (source.next()) {
            Object[] row = new Object[columns];
            for (int i = 0; i < columns; i++) {
                row[i] = source.getObject(i + 1);
            }
            rows.add(row);
        }
    }

    ResultSet open() {
        Cursor cursor = new Cursor();
        return (ResultSet) Proxy.newProxyInstance(ReplayedResultSet.class.getClassLoader(),
                new Class<?>[] {ResultSet.class}, (proxy, method, args) -> cursor.call(method.getName(),
                        method.getReturnType(), args));
    }

    private final class Cursor {
        private int row = -1;
        private boolean wasNull;
        private boolean closed;

        Object call(String name, Class<?> returns, Object[] args) throws SQLException {
            switch (name) {
                case "next":
                    return ++row < rows.size();
                case "close":
                    closed = true;
                    return null;
                case "isClosed":
                    return closed;
                case "wasNull":
                    return wasNull;
                case "getMetaData":
                    return meta;
                case "findColumn":
                    return index(args[0]);
                case "getStatement":
                case "getWarnings":
                    return null;
                case "clearWarnings":
                    return null;
                case "getType":
                    return ResultSet.TYPE_FORWARD_ONLY;
                case "getConcurrency":
                    return ResultSet.CONCUR_READ_ONLY;
                case "getFetchSize":
                    return 0;
                case "setFetchSize":
                case "setFetchDirection":
                    return null;
                case "isBeforeFirst":
                    return row < 0 && !rows.isEmpty();
                case "isAfterLast":
                    return row >= rows.size() && !rows.isEmpty();
                case "getRow":
                    return row < rows.size() ? row + 1 : 0;
                case "unwrap":
                    throw new SQLException("not a wrapper");
                case "isWrapperFor":
                    return false;
                case "hashCode":
                    return System.identityHashCode(this);
                case "equals":
                    return args[0] == this;
                case "toString":
                    return "ReplayedResultSet" + labels;
                default:
                    if (name.startsWith("get") && args != null && args.length >= 1) {
                        Object value = rows.get(row)[index(args[0]) - 1];
                        wasNull = value == null;
                        Class<?> wanted = args.length == 2 && args[1] instanceof Class<?> c ? c : returns;
                        return convert(value, wanted);
                    }
                    throw new SQLFeatureNotSupportedException(name + " on a replayed metadata result");
            }
        }

        private int index(Object column) throws SQLException {
            if (column instanceof Integer i) {
                return i;
            }
            for (int i = 0; i < labels.size(); i++) {
                if (labels.get(i).equalsIgnoreCase((String) column)) {
                    return i + 1;
                }
            }
            throw new SQLException("no column " + column);
        }
    }

    private static Object convert(Object value, Class<?> wanted) {
        if (wanted == Object.class || wanted.isInstance(value)) {
            return value;
        }
        boolean primitive = wanted.isPrimitive();
        if (value == null) {
            return primitive ? (wanted == boolean.class ? (Object) false : zero(wanted)) : null;
        }
        if (wanted == String.class) {
            return value.toString();
        }
        Number n = value instanceof Number num ? num
                : value instanceof Boolean b ? (Number) (b ? 1 : 0) : new BigDecimal(value.toString());
        if (wanted == boolean.class || wanted == Boolean.class) {
            return n.intValue() != 0;
        }
        if (wanted == int.class || wanted == Integer.class) {
            return n.intValue();
        }
        if (wanted == long.class || wanted == Long.class) {
            return n.longValue();
        }
        if (wanted == short.class || wanted == Short.class) {
            return n.shortValue();
        }
        if (wanted == byte.class || wanted == Byte.class) {
            return n.byteValue();
        }
        if (wanted == double.class || wanted == Double.class) {
            return n.doubleValue();
        }
        if (wanted == float.class || wanted == Float.class) {
            return n.floatValue();
        }
        if (wanted == BigDecimal.class) {
            return new BigDecimal(n.toString());
        }
        return value;
    }

    private static Object zero(Class<?> wanted) {
        if (wanted == int.class) {
            return 0;
        }
        if (wanted == long.class) {
            return 0L;
        }
        if (wanted == short.class) {
            return (short) 0;
        }
        if (wanted == byte.class) {
            return (byte) 0;
        }
        if (wanted == double.class) {
            return 0d;
        }
        return 0f;
    }
}

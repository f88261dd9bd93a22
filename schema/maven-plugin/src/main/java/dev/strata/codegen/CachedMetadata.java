package dev.strata.codegen;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.ResultSet;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A connection whose {@link DatabaseMetaData} answers each distinct query once. jOOQ 3.19 turns its
 * own column cache off for SQLite and re-reads every table's columns on each foreign-key lookup, which
 * makes code generation quadratic in the number of tables. The schema does not change while code is
 * generated, so replaying the first answer is exact.
 */
public final class CachedMetadata {
    private CachedMetadata() {
    }

    public static Connection wrap(Connection connection) {
        Map<List<Object>, ReplayedResultSet> answers = new ConcurrentHashMap<>();
        Connection[] self = new Connection[1];
        DatabaseMetaData[] meta = new DatabaseMetaData[1];
        self[0] = (Connection) Proxy.newProxyInstance(CachedMetadata.class.getClassLoader(),
                new Class<?>[] {Connection.class}, (proxy, method, args) -> {
                    if (method.getName().equals("getMetaData") && method.getParameterCount() == 0) {
                        if (meta[0] == null) {
                            meta[0] = metadata(connection.getMetaData(), self[0], answers);
                        }
                        return meta[0];
                    }
                    return invoke(connection, method, args);
                });
        return self[0];
    }

    private static DatabaseMetaData metadata(DatabaseMetaData real, Connection owner,
                                             Map<List<Object>, ReplayedResultSet> answers) {
        return (DatabaseMetaData) Proxy.newProxyInstance(CachedMetadata.class.getClassLoader(),
                new Class<?>[] {DatabaseMetaData.class}, (proxy, method, args) -> {
                    if (method.getName().equals("getConnection")) {
                        return owner;
                    }
                    if (method.getReturnType() != ResultSet.class) {
                        return invoke(real, method, args);
                    }
                    List<Object> key = Arrays.asList(method.getName(), args == null ? List.of() : Arrays.asList(args));
                    ReplayedResultSet cached = answers.get(key);
                    if (cached == null) {
                        try (ResultSet rs = (ResultSet) invoke(real, method, args)) {
                            cached = new ReplayedResultSet(rs);
                        }
                        answers.put(key, cached);
                    }
                    return cached.open();
                });
    }

    private static Object invoke(Object target, Method method, Object[] args) throws Throwable {
        try {
            return method.invoke(target, args);
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
    }
}

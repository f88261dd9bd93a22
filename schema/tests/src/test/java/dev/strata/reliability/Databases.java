package dev.strata.reliability;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** What the reliability checks read back from a database file. */
final class Databases {
    private Databases() {
    }

    static Connection open(Path file) throws SQLException {
        return DriverManager.getConnection("jdbc:sqlite:" + file);
    }

    static int applied(Path file) throws SQLException {
        if (!Files.exists(file)) {
            return 0;
        }
        try (Connection c = open(file)) {
            if (!exists(c, "DATABASECHANGELOG")) {
                return 0;
            }
            return Integer.parseInt(scalar(c, "SELECT COUNT(*) FROM DATABASECHANGELOG"));
        }
    }

    static int lockedRows(Path file) throws SQLException {
        try (Connection c = open(file)) {
            return exists(c, "DATABASECHANGELOGLOCK")
                    ? Integer.parseInt(scalar(c, "SELECT COUNT(*) FROM DATABASECHANGELOGLOCK WHERE LOCKED = 1")) : 0;
        }
    }

    static String integrity(Path file) throws SQLException {
        try (Connection c = open(file)) {
            String integrity = scalar(c, "PRAGMA integrity_check");
            try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("PRAGMA foreign_key_check")) {
                return rs.next() ? "foreign key violation in " + rs.getString(1) : integrity;
            }
        }
    }

    /** Per table (Liquibase's excluded): row count and a digest of every row, in rowid order. */
    static Map<String, String> contents(Path file, List<String> tables) throws Exception {
        Map<String, String> result = new TreeMap<>();
        try (Connection c = open(file)) {
            for (String table : tables) {
                MessageDigest md = MessageDigest.getInstance("SHA-256");
                int rows = 0;
                try (Statement s = c.createStatement();
                     ResultSet rs = s.executeQuery("SELECT * FROM \"" + table + "\" ORDER BY rowid")) {
                    int n = rs.getMetaData().getColumnCount();
                    while (rs.next()) {
                        rows++;
                        for (int i = 1; i <= n; i++) {
                            md.update(String.valueOf(rs.getObject(i)).getBytes());
                            md.update((byte) 0);
                        }
                    }
                }
                result.put(table, rows + " rows " + HexFormat.of().formatHex(md.digest()).substring(0, 16));
            }
        }
        return result;
    }

    static List<String> tables(Path file) throws SQLException {
        List<String> tables = new ArrayList<>();
        try (Connection c = open(file); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE"
                     + " 'sqlite_%' AND name NOT LIKE 'DATABASECHANGELOG%' ORDER BY name")) {
            while (rs.next()) {
                tables.add(rs.getString(1));
            }
        }
        return tables;
    }

    static String scalar(Connection c, String sql) throws SQLException {
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getString(1);
        }
    }

    static boolean exists(Connection c, String table) throws SQLException {
        try (ResultSet rs = c.getMetaData().getTables(null, null, table, null)) {
            return rs.next();
        }
    }
}

package dev.strata.engine;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/**
 * The one normalised form of a SQLite schema: the SQL SQLite stores for each table, index, view and trigger,
 * one line per statement, tables first, then by table and name; Liquibase's and SQLite's own tables left out.
 * {@code structure.sql}, the schema shipped in the jar and every drift check read a schema through here.
 */
public final class SchemaText {
    private SchemaText() {
    }

    /** The normalised statements of the schema behind {@code connection}, without the trailing semicolons. */
    public static List<String> of(Connection connection) {
        List<String> statements = new ArrayList<>();
        try (Statement s = connection.createStatement();
             ResultSet rs = s.executeQuery("SELECT sql FROM sqlite_master WHERE sql IS NOT NULL"
                     + " AND name NOT LIKE 'sqlite_%' AND upper(tbl_name) NOT LIKE '" + TrackingTable.CHANGELOG + "%'"
                     + " ORDER BY CASE type WHEN 'table' THEN 0 WHEN 'index' THEN 1 WHEN 'view' THEN 2 ELSE 3 END,"
                     + " tbl_name, name")) {
            while (rs.next()) {
                statements.add(normalise(rs.getString(1)));
            }
        } catch (SQLException e) {
            throw new SchemaException("cannot read the schema: " + Target.reason(e));
        }
        return statements;
    }

    /** The statements as text: one statement a line, each ending in a semicolon, a blank line between. */
    public static String format(List<String> statements) {
        StringBuilder out = new StringBuilder();
        for (String statement : statements) {
            out.append('\n').append(statement).append(";\n");
        }
        return out.toString();
    }

    /** The statements of text written by {@link #format}: comments and blank lines skipped. */
    public static List<String> parse(String text) {
        return text.lines().filter(l -> !l.isBlank() && !l.startsWith("--"))
                .map(l -> l.endsWith(";") ? l.substring(0, l.length() - 1) : l).toList();
    }

    /** One line per statement, single spaces, no space inside parentheses' edges. */
    public static String normalise(String sql) {
        return sql.strip().replaceAll("\\s+", " ").replace("( ", "(").replace(" )", ")");
    }
}

package dev.strata.sqlite;

import dev.strata.sqlite.SqlTokens.Kind;
import dev.strata.sqlite.SqlTokens.Token;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import liquibase.statement.core.RenameViewStatement;

/**
 * {@code renameView} on SQLite, which has no ALTER VIEW: the view is created again under its new name, and
 * the views and triggers that name it (views reading it, its INSTEAD OF triggers, triggers writing through
 * it) are created again with the old name replaced, as PostgreSQL's ALTER VIEW ... RENAME keeps them working.
 */
final class ViewRename {
    private ViewRename() {
    }

    static TableChange plan(RenameViewStatement s) {
        return new TableChange(s.getOldViewName(), "renameView " + s.getOldViewName() + " to " + s.getNewViewName())
                .withoutFacts()
                .doneHere()
                .then(connection -> rename(connection, s.getOldViewName(), s.getNewViewName()));
    }

    private static void rename(Connection connection, String oldName, String newName) throws SQLException, ChangeRefused {
        String[] view = null;
        List<String[]> dependents = new ArrayList<>();
        for (String[] row : Facts.query(connection, "SELECT type, name, tbl_name, sql FROM sqlite_master WHERE sql IS NOT NULL"
                + " AND type IN ('view', 'trigger') ORDER BY rowid")) {
            if (row[0].equals("view") && Names.same(row[1], oldName)) {
                view = row;
            } else if (Names.same(row[2], oldName) || TableDefinition.mentions(row[3], oldName)) {
                dependents.add(row);
            }
        }
        if (view == null) {
            throw new ChangeRefused("view " + oldName + " does not exist");
        }
        // A view created again loses its triggers (SQLite drops them with it): they are created again too.
        List<String> recreatedViews = new ArrayList<>();
        for (String[] d : dependents) {
            if (d[0].equals("view")) {
                recreatedViews.add(d[1]);
            }
        }
        for (String[] row : Facts.query(connection, "SELECT type, name, tbl_name, sql FROM sqlite_master WHERE type = 'trigger'"
                + " AND sql IS NOT NULL ORDER BY rowid")) {
            boolean listed = dependents.stream().anyMatch(d -> d[0].equals("trigger") && d[1].equals(row[1]));
            if (!listed && recreatedViews.stream().anyMatch(v -> Names.same(v, row[2]))) {
                dependents.add(row);
            }
        }
        if (Facts.single(connection, "SELECT 1 FROM sqlite_master WHERE name = " + Facts.literal(newName) + " COLLATE NOCASE") != null) {
            throw new ChangeRefused("an object named " + newName + " already exists");
        }
        try (Statement s = connection.createStatement()) {
            for (int i = dependents.size() - 1; i >= 0; i--) {
                String[] d = dependents.get(i);
                s.execute("DROP " + d[0].toUpperCase() + " " + SqlTokens.quote(d[1]));
            }
            s.execute("DROP VIEW " + SqlTokens.quote(view[1]));
            s.execute(renamed(view[3], view[1], newName, true));
            for (String[] d : dependents) {
                s.execute(renamed(d[3], oldName, newName, false));
            }
        }
    }

    /**
     * {@code sql} with every identifier naming {@code oldName} replaced by {@code newName}; for the view itself
     * only its own name in the header (the first name after VIEW).
     */
    static String renamed(String sql, String oldName, String newName, boolean headerOnly) {
        StringBuilder out = new StringBuilder();
        int copied = 0;
        boolean afterView = false;
        Token previous = null;
        for (Token t : flatten(SqlTokens.tokenize(sql))) {
            boolean name = (t.kind() == Kind.WORD || t.kind() == Kind.QUOTED) && Names.same(t.name(), oldName);
            if (headerOnly) {
                if (t.is("VIEW")) {
                    afterView = true;
                    continue;
                }
                if (!afterView || t.is("IF") || t.is("NOT") || t.is("EXISTS")) {
                    continue;
                }
                if (t.kind() == Kind.PUNCT || (t.kind() == Kind.WORD && t.text().equalsIgnoreCase("main"))) {
                    continue;
                }
                out.append(sql, copied, t.start()).append(SqlTokens.quote(newName));
                copied = t.end();
                break;
            }
            // an alias (AS v) or a column after a qualifier (x.v) is not the view, whatever its name
            if (name && !(previous != null && (previous.is("AS") || previous.isPunct(".")))) {
                out.append(sql, copied, t.start()).append(SqlTokens.quote(newName));
                copied = t.end();
            }
            previous = t;
        }
        return out.append(sql.substring(copied)).toString();
    }

    /** All tokens in source order, with groups opened. */
    private static List<Token> flatten(List<Token> tokens) {
        List<Token> all = new ArrayList<>();
        for (Token t : tokens) {
            if (t.kind() == Kind.GROUP) {
                all.addAll(flatten(t.inside()));
            } else {
                all.add(t);
            }
        }
        return all;
    }
}

package dev.strata.guard;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import liquibase.change.AddColumnConfig;
import liquibase.change.Change;
import liquibase.change.core.AddColumnChange;
import liquibase.change.core.AddForeignKeyConstraintChange;
import liquibase.change.core.AddNotNullConstraintChange;
import liquibase.change.core.AddPrimaryKeyChange;
import liquibase.change.core.AddUniqueConstraintChange;
import liquibase.change.core.AddDefaultValueChange;
import liquibase.change.core.CreateIndexChange;
import liquibase.change.core.CreateSequenceChange;
import liquibase.change.core.CreateTableChange;
import liquibase.change.core.CreateViewChange;
import liquibase.change.core.DeleteDataChange;
import liquibase.change.core.DropColumnChange;
import liquibase.change.core.DropTableChange;
import liquibase.change.core.DropViewChange;
import liquibase.change.core.EmptyChange;
import liquibase.change.core.InsertDataChange;
import liquibase.change.core.LoadDataChange;
import liquibase.change.core.LoadUpdateDataChange;
import liquibase.change.core.MergeColumnChange;
import liquibase.change.core.ModifyDataTypeChange;
import liquibase.change.core.OutputChange;
import liquibase.change.core.RawSQLChange;
import liquibase.change.core.RenameColumnChange;
import liquibase.change.core.RenameTableChange;
import liquibase.change.core.RenameViewChange;
import liquibase.change.core.SQLFileChange;
import liquibase.change.core.SetColumnRemarksChange;
import liquibase.change.core.SetTableRemarksChange;
import liquibase.change.core.TagDatabaseChange;
import liquibase.change.core.UpdateDataChange;
import liquibase.change.custom.CustomChangeWrapper;
import liquibase.changelog.ChangeSet;
import liquibase.changelog.DatabaseChangeLog;

/**
 * The destructive-change review: changesets that drop or rename tables, columns or views, change a type,
 * add a constraint existing rows may violate, delete or update rows, run SQL or custom code, or use any
 * change not known to be additive must carry the label {@value #REVIEWED}.
 */
final class DestructiveChanges {
    static final String REVIEWED = "reviewed-destructive";

    static final String RULE = "Destructive and data-dependent changes break the release still running during"
            + " a deploy, or fail on real data: add the new shape and dual-write in release N, drop the old one in"
            + " N+1, and check existing rows first; once reviewed, mark the changeset with labels=\"" + REVIEWED + "\"";

    private DestructiveChanges() {
    }

    static List<String> unreviewed(DatabaseChangeLog changelog) {
        List<String> problems = new ArrayList<>();
        for (ChangeSet changeSet : changelog.getChangeSets()) {
            if (changeSet.getLabels() != null && changeSet.getLabels().getLabels().contains(REVIEWED)) {
                continue;
            }
            Set<String> createdHere = new HashSet<>();
            List<String> reasons = new ArrayList<>();
            for (Change change : changeSet.getChanges()) {
                if (change instanceof CreateTableChange create) {
                    createdHere.add(create.getTableName().toLowerCase());
                }
                String reason = reason(change, createdHere);
                if (reason != null) {
                    reasons.add(reason);
                }
            }
            if (!reasons.isEmpty()) {
                problems.add("changeset " + changeSet.getId() + " in " + changeSet.getFilePath() + " "
                        + String.join("; ", reasons) + ". " + RULE);
            }
        }
        return problems;
    }

    private static String reason(Change change, Set<String> createdHere) {
        if (change instanceof DropTableChange c) {
            return "drops table " + c.getTableName();
        }
        if (change instanceof DropColumnChange c) {
            return "drops column " + c.getTableName() + "." + (c.getColumnName() != null ? c.getColumnName()
                    : c.getColumns().stream().map(col -> col.getName()).toList());
        }
        if (change instanceof RenameTableChange c) {
            return "renames table " + c.getOldTableName() + " to " + c.getNewTableName();
        }
        if (change instanceof RenameColumnChange c) {
            return "renames column " + c.getTableName() + "." + c.getOldColumnName() + " to " + c.getNewColumnName();
        }
        if (change instanceof ModifyDataTypeChange c) {
            return "changes the type of " + c.getTableName() + "." + c.getColumnName() + " to " + c.getNewDataType();
        }
        if (change instanceof MergeColumnChange c) {
            return "merges columns of " + c.getTableName();
        }
        if (change instanceof DropViewChange c) {
            return "drops view " + c.getViewName();
        }
        if (change instanceof RenameViewChange c) {
            return "renames view " + c.getOldViewName() + " to " + c.getNewViewName();
        }
        if (change instanceof DeleteDataChange c) {
            return "deletes rows from " + c.getTableName() + (c.getWhere() == null ? " (all of them)"
                    : " where " + excerpt(c.getWhere()));
        }
        if (change instanceof UpdateDataChange c) {
            return "updates rows of " + c.getTableName();
        }
        if (change instanceof LoadUpdateDataChange c) {
            return "updates rows of " + c.getTableName() + " from " + c.getFile();
        }
        if (change instanceof SQLFileChange c) {
            return "runs the SQL file " + c.getPath() + UNSEEN;
        }
        if (change instanceof RawSQLChange c) {
            return "runs SQL (" + excerpt(c.getSql()) + ")" + UNSEEN;
        }
        if (change instanceof CustomChangeWrapper c) {
            return "runs the custom change class " + c.getClassName() + UNSEEN;
        }
        String table = tableOf(change);
        if (table != null && createdHere.contains(table.toLowerCase())) {
            return null;
        }
        if (change instanceof AddNotNullConstraintChange c) {
            return "adds NOT NULL to " + c.getTableName() + "." + c.getColumnName() + " (existing rows may hold NULL)";
        }
        if (change instanceof AddUniqueConstraintChange c) {
            return "adds a unique constraint on " + c.getTableName() + "(" + c.getColumnNames()
                    + ") (existing rows may hold duplicates)";
        }
        if (change instanceof CreateIndexChange c && Boolean.TRUE.equals(c.isUnique())) {
            return "adds the unique index " + c.getIndexName() + " on " + c.getTableName()
                    + " (existing rows may hold duplicates)";
        }
        if (change instanceof AddForeignKeyConstraintChange c) {
            return "adds a foreign key " + c.getBaseTableName() + "(" + c.getBaseColumnNames() + ") -> "
                    + c.getReferencedTableName() + " (existing rows may not match)";
        }
        if (change instanceof AddPrimaryKeyChange c) {
            return "adds a primary key to " + c.getTableName() + " (existing rows may hold NULLs or duplicates)";
        }
        if (change instanceof AddColumnChange c) {
            for (AddColumnConfig column : c.getColumns()) {
                boolean notNull = column.getConstraints() != null
                        && Boolean.FALSE.equals(column.getConstraints().isNullable());
                if (notNull && column.getDefaultValueObject() == null) {
                    return "adds NOT NULL column " + c.getTableName() + "." + column.getName() + " without a default";
                }
            }
            return null;
        }
        if (change instanceof CreateViewChange c && Boolean.TRUE.equals(c.getReplaceIfExists())) {
            return "replaces view " + c.getViewName() + " (the running release reads its old columns)";
        }
        if (isAdditive(change)) {
            return null;
        }
        return "uses " + change.getSerializedObjectName() + ", which the review does not know to be additive"
                + " (it may destroy data or break the running release)";
    }

    /** Why SQL and custom code always need review: what they do is not visible to this check. */
    private static final String UNSEEN = ", which the review cannot see into (it may delete data or change what"
            + " the running release reads)";

    /** Changes that only add, given the checks above: everything else needs a review. */
    private static boolean isAdditive(Change change) {
        return change instanceof CreateTableChange || change instanceof CreateIndexChange
                || change instanceof CreateViewChange || change instanceof CreateSequenceChange
                || change instanceof InsertDataChange || change instanceof LoadDataChange
                || change instanceof AddDefaultValueChange || change instanceof TagDatabaseChange
                || change instanceof EmptyChange || change instanceof OutputChange
                || change instanceof SetTableRemarksChange || change instanceof SetColumnRemarksChange;
    }

    private static String excerpt(String sql) {
        String flat = sql == null ? "" : sql.strip().replaceAll("\\s+", " ");
        return flat.length() <= 60 ? flat : flat.substring(0, 60) + " …";
    }

    private static String tableOf(Change change) {
        if (change instanceof AddNotNullConstraintChange c) {
            return c.getTableName();
        }
        if (change instanceof AddUniqueConstraintChange c) {
            return c.getTableName();
        }
        if (change instanceof AddForeignKeyConstraintChange c) {
            return c.getBaseTableName();
        }
        if (change instanceof AddPrimaryKeyChange c) {
            return c.getTableName();
        }
        if (change instanceof AddColumnChange c) {
            return c.getTableName();
        }
        if (change instanceof CreateIndexChange c) {
            return c.getTableName();
        }
        return null;
    }
}

package dev.strata.testing;

import java.io.IOException;
import java.nio.file.Path;

/**
 * A large schema grown the way real ones are: {@code tables} createTable changesets, each table
 * referencing the one before it, and one createIndex changeset per table (2 × tables changesets).
 */
public final class SyntheticSchema {
    private SyntheticSchema() {
    }

    public static TestChangelogs write(Path root, int tables) throws IOException {
        TestChangelogs changelogs = new TestChangelogs(root);
        for (int i = 1; i <= tables; i++) {
            String parent = i == 1 ? "" : """

                          <column name="parent_id" type="INTEGER">
                            <constraints foreignKeyName="fk_t%1$03d_parent" referencedTableName="t%2$03d" referencedColumnNames="id"/>
                          </column>""".formatted(i, i - 1);
            changelogs.add(String.format("%04d-create-t%03d", 2 * i - 1, i), """
                        <createTable tableName="t%1$03d">
                          <column name="id" type="INTEGER" autoIncrement="true"><constraints primaryKey="true"/></column>
                          <column name="name" type="VARCHAR(100)"><constraints nullable="false"/></column>
                          <column name="amount" type="DECIMAL(12,2)"/>
                          <column name="active" type="BOOLEAN" defaultValueBoolean="true"/>
                          <column name="created_at" type="DATETIME" defaultValueComputed="CURRENT_TIMESTAMP"/>%2$s
                        </createTable>""".formatted(i, parent));
            changelogs.add(String.format("%04d-index-t%03d", 2 * i, i), """
                        <createIndex tableName="t%1$03d" indexName="ix_t%1$03d_name">
                          <column name="name"/>
                        </createIndex>""".formatted(i));
        }
        return changelogs;
    }
}

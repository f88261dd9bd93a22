package dev.strata.compat;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.strata.engine.Changelog;
import dev.strata.engine.Engine;
import dev.strata.engine.Target;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** addLookupTable keeps the requested column type on SQLite, and its checksum is stock Liquibase's. */
class AddLookupTableTest {
    @TempDir
    Path dir;

    @Test
    void theLookupColumnHasTheRequestedTypeKeyAndRowsAndTheChecksumIsStock() throws Exception {
        Path root = dir.resolve("changelog");
        Files.createDirectories(root);
        Files.writeString(root.resolve("master.xml"), """
                <?xml version="1.0" encoding="UTF-8"?>
                <databaseChangeLog xmlns="http://www.liquibase.org/xml/ns/dbchangelog"
                    xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"
                    xsi:schemaLocation="http://www.liquibase.org/xml/ns/dbchangelog https://www.liquibase.org/xml/ns/dbchangelog/dbchangelog-4.33.xsd">
                  <changeSet id="1" author="ann">
                    <createTable tableName="purchase">
                      <column name="id" type="INTEGER"><constraints primaryKey="true"/></column>
                      <column name="status" type="VARCHAR(20)"/>
                    </createTable>
                    <sql>INSERT INTO purchase VALUES (1, 'paid'), (2, 'open'), (3, 'paid'), (4, NULL)</sql>
                  </changeSet>
                  <changeSet id="2" author="ann">
                    <addLookupTable existingTableName="purchase" existingColumnName="status" newTableName="purchase_status"
                        newColumnName="code" newColumnDataType="VARCHAR(20)" constraintName="fk_purchase_status"/>
                  </changeSet>
                </databaseChangeLog>
                """);
        Path db = dir.resolve("app.db");
        Engine engine = Engine.on(Target.sqlite(db)).changelog(Changelog.directory(root, "master.xml")).withBackups(false);

        engine.update();

        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + db); Statement s = c.createStatement()) {
            assertEquals(List.of("code VARCHAR(20) notnull=1 pk=1"), rows(s, "SELECT name || ' ' || type || ' notnull='"
                    + " || \"notnull\" || ' pk=' || pk FROM pragma_table_info('purchase_status')"));
            assertEquals(List.of("open", "paid"), rows(s, "SELECT code FROM purchase_status ORDER BY code"));
            assertEquals(List.of("purchase_status(code)"), rows(s, "SELECT \"table\" || '(' || \"to\" || ')'"
                    + " FROM pragma_foreign_key_list('purchase')"));
            s.execute("PRAGMA foreign_keys = ON");
            assertThrows(SQLException.class, () -> s.executeUpdate("INSERT INTO purchase VALUES (5, 'lost')"));
        }
        StockLiquibase.Result stock = new StockLiquibase(List.of()).run(dir.resolve("stock.db"), root, "master.xml",
                "calculate-checksum", "--changeset-identifier=master.xml::2::ann");
        assertEquals(0, stock.exit(), stock.output());
        String stored = engine.history().get(1).checksum();
        assertTrue(stock.output().contains("\n" + stored + "\n"), "stock computes " + stored + ":\n" + stock.output());
    }

    private static List<String> rows(Statement s, String sql) throws SQLException {
        List<String> out = new ArrayList<>();
        try (ResultSet rs = s.executeQuery(sql)) {
            while (rs.next()) {
                out.add(rs.getString(1));
            }
        }
        return out;
    }
}

package dev.strata.compat;

import static dev.strata.testing.MigrateRun.migrate;

import dev.strata.testing.MigrateRun;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;

/** The multi-database changelog corpus in src/test/resources/corpus, and the ways the tests run it. */
final class Corpus {

    private Corpus() {
    }

    /** Copies {@code corpus/<format>} into {@code target} (a project's changelog folder). */
    static Path copy(String format, Path target) throws IOException {
        Path source = resource("corpus/" + format);
        try (Stream<Path> files = Files.walk(source)) {
            for (Path file : files.toList()) {
                Path to = target.resolve(source.relativize(file).toString());
                if (Files.isDirectory(file)) {
                    Files.createDirectories(to);
                } else {
                    Files.copy(file, to);
                }
            }
        }
        return target;
    }

    /** Compiles the corpus's custom change class into {@code target}, against liquibase-core only. */
    static Path compileCustomChange(Path target) throws IOException {
        Files.createDirectories(target);
        Path source = resource("corpus/custom/corpus/custom/InsertGreeting.java");
        JavaCompiler compiler = ToolProvider.getSystemJavaCompiler();
        String liquibase;
        try {
            liquibase = Path.of(liquibase.Liquibase.class.getProtectionDomain().getCodeSource().getLocation().toURI())
                    .toString();
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
        java.io.ByteArrayOutputStream errors = new java.io.ByteArrayOutputStream();
        int exit = compiler.run(null, errors, errors, "-cp", liquibase, "-d", target.toString(), "-proc:none",
                source.toString());
        if (exit != 0) {
            throw new IllegalStateException("the corpus custom change does not compile: " + errors);
        }
        return target;
    }


    /** Tracking rows in order, with every column Liquibase derives from the changelog (not dates or ids of runs). */
    static List<String> rows(Path db) throws SQLException {
        List<String> rows = new ArrayList<>();
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + db);
             Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT ID, AUTHOR, FILENAME, MD5SUM, EXECTYPE, ORDEREXECUTED, DESCRIPTION,"
                     + " COMMENTS, CONTEXTS, LABELS, LIQUIBASE FROM DATABASECHANGELOG ORDER BY ORDEREXECUTED")) {
            while (rs.next()) {
                StringBuilder row = new StringBuilder();
                for (int i = 1; i <= 11; i++) {
                    row.append(i > 1 ? " | " : "").append(rs.getString(i));
                }
                rows.add(row.toString());
            }
        }
        return rows;
    }

    private static Path resource(String name) {
        try {
            return Path.of(Corpus.class.getClassLoader().getResource(name).toURI());
        } catch (URISyntaxException | NullPointerException e) {
            throw new IllegalStateException("test resource " + name + " is missing", e);
        }
    }
}

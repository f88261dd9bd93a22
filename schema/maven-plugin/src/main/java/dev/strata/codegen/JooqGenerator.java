package dev.strata.codegen;

import java.io.ByteArrayInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.util.List;
import org.jooq.codegen.GenerationTool;
import org.jooq.meta.jaxb.Configuration;
import org.jooq.meta.jaxb.Database;
import org.jooq.meta.jaxb.ForcedType;
import org.jooq.meta.jaxb.Target;
import org.jooq.meta.sqlite.SQLiteDatabase;

/** Runs jOOQ's code generator with a given configuration over an open connection. */
public final class JooqGenerator {
    static {
        System.setProperty("org.jooq.no-logo", "true");
        System.setProperty("org.jooq.no-tips", "true");
    }

    private final byte[] config;

    public JooqGenerator(byte[] config) {
        this.config = config;
    }

    /**
     * Generates into {@code output}. With {@code cachedMetadata} the connection's metadata answers are
     * memoised (see {@link CachedMetadata}) and SQLite's keys are read in one pass
     * ({@link KeysOnceSQLiteDatabase}); without, this is stock jOOQ.
     */
    public void generate(Connection connection, Path output, boolean cachedMetadata) throws Exception {
        generate(connection, output, cachedMetadata, List.of());
    }

    /** As above, with forced types appended to the configuration's own (which therefore take precedence). */
    public void generate(Connection connection, Path output, boolean cachedMetadata, List<ForcedType> forcedTypes)
            throws Exception {
        update(connection, output, cachedMetadata, forcedTypes);
    }

    /** Generates as above; returns which files were generated and which of them were written or deleted. */
    GeneratedFiles.Update update(Connection connection, Path output, boolean cachedMetadata,
            List<ForcedType> forcedTypes) throws Exception {
        Configuration configuration = GenerationTool.load(new ByteArrayInputStream(config));
        if (!forcedTypes.isEmpty()) {
            if (configuration.getGenerator().getDatabase() == null) {
                configuration.getGenerator().setDatabase(new Database());
            }
            configuration.getGenerator().getDatabase().getForcedTypes().addAll(forcedTypes);
        }
        if (cachedMetadata) {
            readKeysOnce(configuration);
        }
        if (configuration.getGenerator().getTarget() == null) {
            configuration.getGenerator().setTarget(new Target());
        }
        Target target = configuration.getGenerator().getTarget();
        // Generated beside the output, then moved in file by file: unchanged files keep their timestamps.
        Path absolute = output.toAbsolutePath();
        Files.createDirectories(absolute.getParent());
        Path fresh = Files.createTempDirectory(absolute.getParent(), ".jooq-");
        try {
            target.setDirectory(fresh.toString());
            configuration.setJdbc(null);
            GenerationTool tool = new GenerationTool();
            tool.setConnection(cachedMetadata ? CachedMetadata.wrap(connection) : connection);
            tool.run(configuration);
            String packageName = target.getPackageName() == null ? "org.jooq.generated" : target.getPackageName();
            return GeneratedFiles.update(fresh, absolute, Path.of(packageName.replace('.', '/')));
        } finally {
            GeneratedFiles.deleteTree(fresh);
        }
    }

    /** Stock jOOQ's SQLite reader is swapped for the one that reads keys once; any other reader is kept. */
    private static void readKeysOnce(Configuration configuration) {
        Database database = configuration.getGenerator().getDatabase();
        if (database != null && SQLiteDatabase.class.getName().equals(database.getName())) {
            database.setName(KeysOnceSQLiteDatabase.class.getName());
        }
    }
}

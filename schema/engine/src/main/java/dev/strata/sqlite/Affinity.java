package dev.strata.sqlite;

import java.util.Optional;

/** SQLite's type affinity of a declared type name (the five rules of "Datatypes In SQLite", section 3.1). */
enum Affinity {
    INTEGER, TEXT, BLOB, REAL, NUMERIC;

    static Affinity of(String declared) {
        String type = Names.upper(declared);
        if (type.contains("INT")) {
            return INTEGER;
        }
        if (type.contains("CHAR") || type.contains("CLOB") || type.contains("TEXT")) {
            return TEXT;
        }
        if (type.isBlank() || type.contains("BLOB")) {
            return BLOB;
        }
        if (type.contains("REAL") || type.contains("FLOA") || type.contains("DOUB")) {
            return REAL;
        }
        return NUMERIC;
    }

    /** The STRICT-table type that stores what {@code declared} stores, if there is one. */
    static Optional<String> strictType(String declared) {
        String type = Names.upper(declared.strip());
        if (type.equals("ANY") || type.equals("INT")) {
            return Optional.of(type);
        }
        return switch (of(declared)) {
            case INTEGER -> Optional.of("INTEGER");
            case TEXT -> Optional.of("TEXT");
            case BLOB -> Optional.of("BLOB");
            case REAL -> Optional.of("REAL");
            case NUMERIC -> Optional.empty();
        };
    }
}

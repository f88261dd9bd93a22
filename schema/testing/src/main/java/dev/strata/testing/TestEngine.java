package dev.strata.testing;

/** Which engine {@link StrataDatabase} tests run on: {@code -Dstrata.test.engine=sqlite|postgresql}. */
public enum TestEngine {
    SQLITE, POSTGRESQL;

    public static final String PROPERTY = "strata.test.engine";

    public static TestEngine current() {
        String value = System.getProperty(PROPERTY, "sqlite").strip().toLowerCase();
        return switch (value) {
            case "sqlite" -> SQLITE;
            case "postgresql", "postgres" -> POSTGRESQL;
            default -> throw new IllegalStateException("-D" + PROPERTY + " must be sqlite or postgresql, got " + value);
        };
    }
}

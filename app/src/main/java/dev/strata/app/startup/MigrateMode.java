package dev.strata.app.startup;

/** What a service does with the schema before serving (the {@code --migrate} option). */
public enum MigrateMode {
    /** Apply pending changesets, then serve (default for the local embedded database). */
    AUTO,
    /** Refuse to start when changesets are pending or unknown (the deploy default: the hook migrates). */
    CHECK,
    /** Do not look. */
    OFF
}

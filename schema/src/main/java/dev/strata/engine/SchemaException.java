package dev.strata.engine;

/** A failure the user can act on: its message is the whole story (what, where, why, what to do). */
public class SchemaException extends RuntimeException {
    public SchemaException(String message) {
        super(message);
    }

    public SchemaException(String message, Throwable cause) {
        super(message, cause);
    }
}

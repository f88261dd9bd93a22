package dev.strata.engine;

/**
 * A failure the user can act on: its message is the whole story (what, where, why, what to do), and never
 * carries a password (it may quote a URL or the driver's words).
 */
public class SchemaException extends RuntimeException {
    public SchemaException(String message) {
        super(Secrets.redact(message));
    }

    public SchemaException(String message, Throwable cause) {
        super(Secrets.redact(message), cause);
    }
}

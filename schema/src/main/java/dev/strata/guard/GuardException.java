package dev.strata.guard;

/** A guard that failed: the message says what, where, and the command or edit that fixes it. */
public final class GuardException extends RuntimeException {
    public GuardException(String message) {
        super(message);
    }
}

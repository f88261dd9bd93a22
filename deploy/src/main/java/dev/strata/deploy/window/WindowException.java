package dev.strata.deploy.window;

/** Bad input or a previous release that cannot be checked: one line for the user, exit 2. */
final class WindowException extends RuntimeException {
    WindowException(String message) {
        super(message);
    }
}

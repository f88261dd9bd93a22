package dev.strata.app.web;

/** A client error with its HTTP status; rendered as {@code {"error": ..., "status": ...}}. */
public final class ApiError extends RuntimeException {
    private final int status;

    public ApiError(int status, String message) {
        super(message);
        this.status = status;
    }

    public int status() {
        return status;
    }
}

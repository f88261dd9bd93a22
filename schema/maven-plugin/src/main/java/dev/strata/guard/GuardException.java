package dev.strata.guard;

/** A guard that failed: the message says what, where, and the command or edit that fixes it. */
public final class GuardException extends RuntimeException {
    private final java.util.List<String> problems;

    public GuardException(String message) {
        this(java.util.List.of(message));
    }

    public GuardException(java.util.List<String> problems) {
        super(String.join("\n- ", problems));
        this.problems = java.util.List.copyOf(problems);
    }

    public java.util.List<String> problems() {
        return problems;
    }

    /** For the build log: one bullet per problem, continuation lines indented under it. */
    public String report() {
        StringBuilder out = new StringBuilder();
        for (String problem : problems) {
            out.append("\n  * ").append(problem.replace("\n", "\n    "));
        }
        return out.toString();
    }
}

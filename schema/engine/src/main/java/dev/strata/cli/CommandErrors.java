package dev.strata.cli;

import dev.strata.engine.SchemaException;
import dev.strata.engine.Secrets;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.UnmatchedArgumentException;

/**
 * How the command lines say what went wrong: one line on stderr, prefixed with the program the user ran
 * ({@code migrate: }, {@code web: }, {@code strata-app: }), never a stack trace. Wrong usage exits 2 and
 * names the closest command or option for a typo; a failed operation exits 1.
 */
public final class CommandErrors implements CommandLine.IParameterExceptionHandler,
        CommandLine.IExecutionExceptionHandler {
    private final boolean dispatcher;

    private CommandErrors(boolean dispatcher) {
        this.dispatcher = dispatcher;
    }

    /**
     * Installs the handlers on {@code line} and every subcommand added so far. A dispatcher's children
     * are programs of their own: {@code strata-app migrate update} reports as {@code migrate:}, the same
     * as the migrate launcher.
     */
    public static CommandLine install(CommandLine line, boolean dispatcher) {
        CommandErrors errors = new CommandErrors(dispatcher);
        line.setParameterExceptionHandler(errors);
        line.setExecutionExceptionHandler(errors);
        return line;
    }

    @Override
    public int handleParseException(ParameterException e, String[] args) {
        CommandLine cmd = e.getCommandLine();
        // The index counts from the launcher's first argument, which differs between launchers: left out.
        String message = oneLine(e.getMessage()).replaceFirst("^(Unmatched arguments?) (at|from) index \\d+:", "$1");
        StringBuilder line = new StringBuilder(program(cmd)).append(": ").append(message);
        if (e instanceof UnmatchedArgumentException unmatched && !unmatched.getUnmatched().isEmpty()) {
            List<String> close = closest(unmatched.getUnmatched().get(0), cmd.getCommandSpec());
            if (!close.isEmpty()) {
                line.append("; did you mean ").append(String.join(" or ", close.stream().map(s -> "'" + s + "'")
                        .toList())).append('?');
            }
        }
        line.append(" (see '").append(path(cmd)).append(" --help')");
        cmd.getErr().println(line);
        cmd.getErr().flush();
        return cmd.getCommandSpec().exitCodeOnInvalidInput();
    }

    /** What a failed operation prints after the program's name: the user's error, or a redacted unexpected one. */
    static String failure(Exception e) {
        return e instanceof SchemaException ? e.getMessage() : "unexpected failure: " + Secrets.redact(String.valueOf(e));
    }

    @Override
    public int handleExecutionException(Exception e, CommandLine cmd, CommandLine.ParseResult parsed) {
        return failed(program(cmd), e, cmd.getErr());
    }

    /** A failed operation, said as picocli's handler says it (for command lines run without picocli): exit 1. */
    public static int failed(String program, Exception e, java.io.PrintWriter err) {
        err.println(program + ": " + failure(e));
        err.flush();
        return 1;
    }

    /**
     * The commands (or, for an option, the options) a typo was probably meant to be: at most two edits away
     * (a swap counts as one), or starting with what was typed. Picocli's own guess misses swapped letters.
     */
    static List<String> closest(String typed, CommandLine.Model.CommandSpec spec) {
        String word = typed.contains("=") && typed.startsWith("-") ? typed.substring(0, typed.indexOf('=')) : typed;
        List<String> names = new ArrayList<>();
        if (word.startsWith("-")) {
            spec.options().stream().filter(o -> !o.hidden()).forEach(o -> names.addAll(List.of(o.names())));
        } else {
            names.addAll(spec.subcommands().keySet());
        }
        int limit = Math.min(2, Math.max(1, word.length() / 3));
        return names.stream()
                .filter(n -> distance(word, n) <= limit || word.replaceFirst("^-+", "").length() >= 2 && n.startsWith(word))
                .sorted(java.util.Comparator.comparingInt((String n) -> distance(word, n)).thenComparing(n -> n))
                .limit(3)
                .toList();
    }

    /** Edits (insert, delete, replace, swap of neighbours) that turn a into b. */
    static int distance(String a, String b) {
        int[][] d = new int[a.length() + 1][b.length() + 1];
        for (int i = 0; i <= a.length(); i++) {
            for (int j = 0; j <= b.length(); j++) {
                if (i == 0 || j == 0) {
                    d[i][j] = i + j;
                    continue;
                }
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                d[i][j] = Math.min(Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1), d[i - 1][j - 1] + cost);
                if (i > 1 && j > 1 && a.charAt(i - 1) == b.charAt(j - 2) && a.charAt(i - 2) == b.charAt(j - 1)) {
                    d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
                }
            }
        }
        return d[a.length()][b.length()];
    }

    private List<CommandLine> chain(CommandLine cmd) {
        List<CommandLine> chain = new ArrayList<>();
        for (CommandLine c = cmd; c != null; c = c.getParent()) {
            chain.add(0, c);
        }
        return dispatcher && chain.size() > 1 ? chain.subList(1, chain.size()) : chain;
    }

    private String program(CommandLine cmd) {
        return chain(cmd).get(0).getCommandName();
    }

    private String path(CommandLine cmd) {
        return String.join(" ", chain(cmd).stream().map(CommandLine::getCommandName).toList());
    }

    private static String oneLine(String message) {
        return String.valueOf(message).strip().replaceAll("\\s*\\R\\s*", " ");
    }
}

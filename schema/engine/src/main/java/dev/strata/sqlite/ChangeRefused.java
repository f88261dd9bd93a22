package dev.strata.sqlite;

/** A SQLite change Strata will not make, with the reason and what to do, in words for the changelog's author. */
final class ChangeRefused extends Exception {
    ChangeRefused(String message) {
        super(message);
    }

    /** SQLite's specific words from a driver message: "[SQLITE_X] generic text (specific)" becomes "specific". */
    static String sqliteWords(String message) {
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("(?s)^\\[SQLITE_[A-Z_]+\\][^(]*\\((.*)\\)$")
                .matcher(String.valueOf(message).strip());
        return m.matches() ? m.group(1) : String.valueOf(message);
    }
}

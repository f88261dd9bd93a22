package dev.strata.sqlite;

/**
 * Identifier comparison as SQLite does it: case folds for ASCII letters only (sqlite3StrICmp), so
 * {@code "Größe"} and {@code "GRÖSSE"} or {@code "é"} and {@code "É"} are different names.
 */
final class Names {
    private Names() {
    }

    static boolean same(String a, String b) {
        if (a == null || b == null) {
            return a == b;
        }
        return a.length() == b.length() && fold(a).equals(fold(b));
    }

    /** ASCII lower case; every other character as it is. */
    static String fold(String name) {
        StringBuilder out = null;
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (c >= 'A' && c <= 'Z') {
                if (out == null) {
                    out = new StringBuilder(name);
                }
                out.setCharAt(i, (char) (c + 32));
            }
        }
        return out == null ? name : out.toString();
    }

    static String upper(String text) {
        StringBuilder out = new StringBuilder(text);
        for (int i = 0; i < out.length(); i++) {
            char c = out.charAt(i);
            if (c >= 'a' && c <= 'z') {
                out.setCharAt(i, (char) (c - 32));
            }
        }
        return out.toString();
    }
}

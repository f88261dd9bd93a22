package dev.strata.sqlite;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * SQLite DDL split into tokens: words, quoted names, string literals, whole parenthesised groups and
 * single punctuation marks; whitespace and comments dropped. Enough structure to edit a CREATE TABLE
 * element by element without a full SQL grammar.
 */
final class SqlTokens {
    enum Kind { WORD, QUOTED, STRING, GROUP, PUNCT }

    record Token(Kind kind, String text) {
        boolean is(String keyword) {
            return kind == Kind.WORD && text.equalsIgnoreCase(keyword);
        }

        /** The name this token denotes: quotes removed for quoted identifiers. */
        String name() {
            if (kind == Kind.QUOTED) {
                String inner = text.substring(1, text.length() - 1);
                return text.charAt(0) == '"' ? inner.replace("\"\"", "\"") : inner;
            }
            return text;
        }

        String upper() {
            return text.toUpperCase(Locale.ROOT);
        }
    }

    private SqlTokens() {
    }

    static List<Token> tokenize(String sql) {
        List<Token> tokens = new ArrayList<>();
        int i = 0;
        int n = sql.length();
        while (i < n) {
            char c = sql.charAt(i);
            if (Character.isWhitespace(c)) {
                i++;
            } else if (c == '-' && i + 1 < n && sql.charAt(i + 1) == '-') {
                i = endOfLine(sql, i);
            } else if (c == '/' && i + 1 < n && sql.charAt(i + 1) == '*') {
                int end = sql.indexOf("*/", i + 2);
                i = end < 0 ? n : end + 2;
            } else if (c == '\'' || c == '"' || c == '`') {
                int end = closingQuote(sql, i, c);
                tokens.add(new Token(c == '\'' ? Kind.STRING : Kind.QUOTED, sql.substring(i, end)));
                i = end;
            } else if (c == '[') {
                int end = sql.indexOf(']', i);
                end = end < 0 ? n : end + 1;
                tokens.add(new Token(Kind.QUOTED, sql.substring(i, end)));
                i = end;
            } else if (c == '(') {
                int end = closingParen(sql, i);
                tokens.add(new Token(Kind.GROUP, sql.substring(i, end)));
                i = end;
            } else if (Character.isLetterOrDigit(c) || c == '_' || c == '$' || c == '.') {
                int start = i;
                while (i < n && (Character.isLetterOrDigit(sql.charAt(i)) || "_$.".indexOf(sql.charAt(i)) >= 0)) {
                    i++;
                }
                tokens.add(new Token(Kind.WORD, sql.substring(start, i)));
            } else {
                tokens.add(new Token(Kind.PUNCT, String.valueOf(c)));
                i++;
            }
        }
        return tokens;
    }

    /** Index just past the parenthesis that closes the one at {@code open}. */
    static int closingParen(String sql, int open) {
        int depth = 0;
        int i = open;
        while (i < sql.length()) {
            char c = sql.charAt(i);
            if (c == '\'' || c == '"' || c == '`') {
                i = closingQuote(sql, i, c);
                continue;
            }
            if (c == '(') {
                depth++;
            } else if (c == ')') {
                depth--;
                if (depth == 0) {
                    return i + 1;
                }
            }
            i++;
        }
        return sql.length();
    }

    /** Splits {@code text} at commas outside quotes and parentheses. */
    static List<String> splitTopLevel(String text) {
        List<String> parts = new ArrayList<>();
        int depth = 0;
        int start = 0;
        int i = 0;
        while (i < text.length()) {
            char c = text.charAt(i);
            if (c == '\'' || c == '"' || c == '`') {
                i = closingQuote(text, i, c);
                continue;
            }
            if (c == '(') {
                depth++;
            } else if (c == ')') {
                depth--;
            } else if (c == ',' && depth == 0) {
                parts.add(text.substring(start, i).strip());
                start = i + 1;
            }
            i++;
        }
        String last = text.substring(start).strip();
        if (!last.isEmpty()) {
            parts.add(last);
        }
        return parts;
    }

    /** Renders tokens with single spaces, and no space between a name and the group that follows it. */
    static String render(List<Token> tokens) {
        StringBuilder out = new StringBuilder();
        Token previous = null;
        for (Token t : tokens) {
            boolean glue = previous != null && t.kind() == Kind.GROUP
                    && (previous.kind() == Kind.WORD || previous.kind() == Kind.QUOTED);
            if (previous != null && !glue) {
                out.append(' ');
            }
            out.append(t.text());
            previous = t;
        }
        return out.toString();
    }

    static String quote(String name) {
        return "\"" + name.replace("\"", "\"\"") + "\"";
    }

    private static int closingQuote(String sql, int open, char quote) {
        int i = open + 1;
        while (i < sql.length()) {
            if (sql.charAt(i) == quote) {
                if (i + 1 < sql.length() && sql.charAt(i + 1) == quote) {
                    i += 2;
                    continue;
                }
                return i + 1;
            }
            i++;
        }
        return sql.length();
    }

    private static int endOfLine(String sql, int i) {
        int end = sql.indexOf('\n', i);
        return end < 0 ? sql.length() : end + 1;
    }
}

package dev.strata.sqlite;

import java.util.ArrayList;
import java.util.List;

/**
 * SQLite DDL split into tokens by the rules of SQLite's own tokenizer (tokenize.c): identifiers (any
 * character at or above U+0080 counts as a letter), the three quoted-identifier forms, string and blob
 * literals, numbers with exponents and hex, variables, multi-character operators; whitespace and comments
 * are skipped but every token keeps its exact source span, so untouched text can be copied byte for byte.
 * A parenthesised group is one {@link Kind#GROUP} token; its inside is tokenized on demand.
 */
final class SqlTokens {
    enum Kind { WORD, QUOTED, STRING, BLOB, NUMBER, VARIABLE, GROUP, PUNCT }

    /** A token of {@code source}, covering {@code source.substring(start, end)}. */
    record Token(Kind kind, String source, int start, int end) {
        String text() {
            return source.substring(start, end);
        }

        boolean is(String keyword) {
            return kind == Kind.WORD && Names.same(text(), keyword);
        }

        boolean isPunct(String punct) {
            return kind == Kind.PUNCT && text().equals(punct);
        }

        /** The name this token denotes: quotes removed and doubled quotes undone for quoted identifiers. */
        String name() {
            String text = text();
            if (kind == Kind.QUOTED || kind == Kind.STRING) {
                char q = text.charAt(0);
                String inner = text.substring(1, text.length() - 1);
                return q == '[' ? inner : inner.replace(String.valueOf(q) + q, String.valueOf(q));
            }
            return text;
        }

        String upper() {
            return Names.upper(text());
        }

        /** The tokens inside a group, with spans in the same source. */
        List<Token> inside() {
            return tokenize(source, start + 1, end - 1);
        }
    }

    private SqlTokens() {
    }

    static List<Token> tokenize(String sql) {
        return tokenize(sql, 0, sql.length());
    }

    /** Tokens of {@code sql} between {@code from} and {@code to}; an unterminated quote or group runs to {@code to}. */
    static List<Token> tokenize(String sql, int from, int to) {
        List<Token> tokens = new ArrayList<>();
        int i = from;
        while (i < to) {
            char c = sql.charAt(i);
            int end;
            Kind kind;
            if (c == ' ' || c == '\t' || c == '\n' || c == '\f' || c == '\r') {
                i++;
                continue;
            } else if (c == '-' && i + 1 < to && sql.charAt(i + 1) == '-') {
                int nl = sql.indexOf('\n', i);
                i = nl < 0 || nl >= to ? to : nl + 1;
                continue;
            } else if (c == '/' && i + 1 < to && sql.charAt(i + 1) == '*') {
                int close = sql.indexOf("*/", i + 2);
                i = close < 0 || close + 2 > to ? to : close + 2;
                continue;
            } else if (c == '\'' || c == '"' || c == '`') {
                end = closingQuote(sql, i, to, c);
                kind = c == '\'' ? Kind.STRING : Kind.QUOTED;
            } else if (c == '[') {
                int close = sql.indexOf(']', i);
                end = close < 0 || close >= to ? to : close + 1;
                kind = Kind.QUOTED;
            } else if ((c == 'x' || c == 'X') && i + 1 < to && sql.charAt(i + 1) == '\'') {
                end = closingQuote(sql, i + 1, to, '\'');
                kind = Kind.BLOB;
            } else if (c == '(') {
                end = closingParen(sql, i, to);
                kind = Kind.GROUP;
            } else if (isDigit(c) || (c == '.' && i + 1 < to && isDigit(sql.charAt(i + 1)))) {
                end = number(sql, i, to);
                kind = Kind.NUMBER;
            } else if (isIdStart(c)) {
                end = i + 1;
                while (end < to && isIdChar(sql.charAt(end))) {
                    end++;
                }
                kind = Kind.WORD;
            } else if (c == '?' || c == ':' || c == '@' || c == '$' || c == '#') {
                end = i + 1;
                while (end < to && (isIdChar(sql.charAt(end)) || sql.charAt(end) == ':')) {
                    end++;
                }
                kind = Kind.VARIABLE;
            } else {
                end = i + operatorLength(sql, i, to);
                kind = Kind.PUNCT;
            }
            tokens.add(new Token(kind, sql, i, end));
            i = end;
        }
        return tokens;
    }

    /** Index just past the parenthesis that closes the one at {@code open}, honouring quotes and comments. */
    static int closingParen(String sql, int open) {
        return closingParen(sql, open, sql.length());
    }

    private static int closingParen(String sql, int open, int to) {
        int depth = 0;
        int i = open;
        while (i < to) {
            char c = sql.charAt(i);
            if (c == '\'' || c == '"' || c == '`') {
                i = closingQuote(sql, i, to, c);
                continue;
            }
            if (c == '[') {
                int close = sql.indexOf(']', i);
                i = close < 0 || close >= to ? to : close + 1;
                continue;
            }
            if (c == '-' && i + 1 < to && sql.charAt(i + 1) == '-') {
                int nl = sql.indexOf('\n', i);
                i = nl < 0 || nl >= to ? to : nl + 1;
                continue;
            }
            if (c == '/' && i + 1 < to && sql.charAt(i + 1) == '*') {
                int close = sql.indexOf("*/", i + 2);
                i = close < 0 || close + 2 > to ? to : close + 2;
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
        return to;
    }

    /** Splits tokens at top-level commas (groups are single tokens, so only top-level commas are seen). */
    static List<List<Token>> splitAtCommas(List<Token> tokens) {
        List<List<Token>> parts = new ArrayList<>();
        List<Token> current = new ArrayList<>();
        for (Token t : tokens) {
            if (t.isPunct(",")) {
                parts.add(current);
                current = new ArrayList<>();
            } else {
                current.add(t);
            }
        }
        if (!current.isEmpty() || !parts.isEmpty()) {
            parts.add(current);
        }
        return parts;
    }

    /** The exact source text from the first to the last token. */
    static String span(List<Token> tokens) {
        if (tokens.isEmpty()) {
            return "";
        }
        return tokens.get(0).source().substring(tokens.get(0).start(), tokens.get(tokens.size() - 1).end());
    }

    static String quote(String name) {
        return "\"" + name.replace("\"", "\"\"") + "\"";
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    private static boolean isIdStart(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_' || c >= 0x80;
    }

    private static boolean isIdChar(char c) {
        return isIdStart(c) || isDigit(c) || c == '$';
    }

    private static int number(String sql, int i, int to) {
        int end = i;
        if (sql.charAt(i) == '0' && i + 2 < to && (sql.charAt(i + 1) == 'x' || sql.charAt(i + 1) == 'X')
                && isHex(sql.charAt(i + 2))) {
            end = i + 2;
            while (end < to && (isHex(sql.charAt(end)) || sql.charAt(end) == '_')) {
                end++;
            }
            return end;
        }
        while (end < to && (isDigit(sql.charAt(end)) || sql.charAt(end) == '_')) {
            end++;
        }
        if (end < to && sql.charAt(end) == '.') {
            end++;
            while (end < to && (isDigit(sql.charAt(end)) || sql.charAt(end) == '_')) {
                end++;
            }
        }
        if (end < to && (sql.charAt(end) == 'e' || sql.charAt(end) == 'E')) {
            int exp = end + 1;
            if (exp < to && (sql.charAt(exp) == '+' || sql.charAt(exp) == '-')) {
                exp++;
            }
            if (exp < to && isDigit(sql.charAt(exp))) {
                end = exp;
                while (end < to && isDigit(sql.charAt(end))) {
                    end++;
                }
            }
        }
        // tokenize.c: a number running into identifier characters is one (illegal) token.
        while (end < to && isIdChar(sql.charAt(end))) {
            end++;
        }
        return end;
    }

    private static boolean isHex(char c) {
        return isDigit(c) || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
    }

    private static int operatorLength(String sql, int i, int to) {
        String rest = sql.substring(i, Math.min(to, i + 3));
        for (String op : new String[] {"->>", "||", "<=", ">=", "==", "!=", "<>", "<<", ">>", "->"}) {
            if (rest.startsWith(op)) {
                return op.length();
            }
        }
        return 1;
    }

    private static int closingQuote(String sql, int open, int to, char quote) {
        int i = open + 1;
        while (i < to) {
            if (sql.charAt(i) == quote) {
                if (i + 1 < to && sql.charAt(i + 1) == quote) {
                    i += 2;
                    continue;
                }
                return i + 1;
            }
            i++;
        }
        return to;
    }
}

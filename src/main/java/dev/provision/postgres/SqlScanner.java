package dev.provision.postgres;

/**
 * Masks what is not code in PostgreSQL script text, keeping every offset, so that a pattern can be
 * matched in code only and reported at its line and column. (Statements are split by the grammar,
 * {@link SqlParser}.)
 *
 * <p>Comments and quoted strings become spaces in {@link Scan#masked()}; a dollar-quoted body (a
 * function's code) is masked the same way, recursively, but kept, because it is code too.
 */
public final class SqlScanner {
    private SqlScanner() {}

    /**
     * The result of scanning: the text, the same text with non-code blanked, and the same text with
     * each backslash-escaped quote of an {@code E'...'} string written as a doubled quote (same meaning,
     * same length), the form pgcodekeeper's grammar reads.
     */
    public record Scan(String text, String masked, String doubledQuotes) {

        /** The 1-based line of an offset in the text. */
        public int line(int offset) {
            int line = 1;
            for (int i = 0; i < offset && i < text.length(); i++) {
                if (text.charAt(i) == '\n') {
                    line++;
                }
            }
            return line;
        }

        /** The 1-based column of an offset in the text. */
        public int column(int offset) {
            int start = text.lastIndexOf('\n', offset - 1) + 1;
            return offset - start + 1;
        }
    }

    public static Scan scan(String text) {
        char[] masked = text.toCharArray();
        char[] doubled = text.toCharArray();
        int i = 0;
        int n = text.length();
        while (i < n) {
            char c = text.charAt(i);
            if (c == '-' && i + 1 < n && text.charAt(i + 1) == '-') {
                int end = text.indexOf('\n', i);
                i = blank(masked, i, end < 0 ? n : end);
            } else if (c == '/' && i + 1 < n && text.charAt(i + 1) == '*') {
                i = blank(masked, i, blockCommentEnd(text, i));
            } else if (c == '\'') {
                boolean escapes = i > 0 && (text.charAt(i - 1) == 'E' || text.charAt(i - 1) == 'e')
                        && (i < 2 || !Character.isLetterOrDigit(text.charAt(i - 2)));
                int end = stringEnd(text, i, escapes);
                for (int k = i + 1; escapes && k + 1 < end; k++) {
                    if (text.charAt(k) == '\\') {
                        doubled[k] = text.charAt(k + 1) == '\'' ? '\'' : doubled[k];
                        k++;
                    }
                }
                i = blank(masked, i, end);
            } else if (c == '"') {
                int end = text.indexOf('"', i + 1);
                while (end >= 0 && end + 1 < n && text.charAt(end + 1) == '"') {
                    end = text.indexOf('"', end + 2);
                }
                i = end < 0 ? n : end + 1;
            } else if (c == '$' && dollarTag(text, i) != null) {
                String tag = dollarTag(text, i);
                int bodyStart = i + tag.length();
                int close = text.indexOf(tag, bodyStart);
                int bodyEnd = close < 0 ? n : close;
                blank(masked, i, bodyStart);
                Scan body = scan(text.substring(bodyStart, bodyEnd));
                body.masked().getChars(0, body.masked().length(), masked, bodyStart);
                body.doubledQuotes().getChars(0, body.doubledQuotes().length(), doubled, bodyStart);
                i = close < 0 ? n : blank(masked, close, close + tag.length());
            } else {
                i++;
            }
        }
        return new Scan(text, new String(masked), new String(doubled));
    }

    /** Replaces [from, to) with spaces, keeping line breaks; returns {@code to}. */
    private static int blank(char[] masked, int from, int to) {
        for (int k = from; k < to; k++) {
            if (masked[k] != '\n') {
                masked[k] = ' ';
            }
        }
        return to;
    }

    private static int blockCommentEnd(String text, int from) {
        int depth = 0;
        int i = from;
        while (i + 1 < text.length()) {
            if (text.startsWith("/*", i)) {
                depth++;
                i += 2;
            } else if (text.startsWith("*/", i)) {
                depth--;
                i += 2;
                if (depth == 0) {
                    return i;
                }
            } else {
                i++;
            }
        }
        return text.length();
    }

    private static int stringEnd(String text, int from, boolean escapes) {
        int i = from + 1;
        while (i < text.length()) {
            char c = text.charAt(i);
            if (escapes && c == '\\') {
                i += 2;
            } else if (c == '\'') {
                if (i + 1 < text.length() && text.charAt(i + 1) == '\'') {
                    i += 2;
                } else {
                    return i + 1;
                }
            } else {
                i++;
            }
        }
        return text.length();
    }

    /** The dollar-quote tag starting at {@code i} ({@code $$} or {@code $name$}), or null (a parameter like $1). */
    private static String dollarTag(String text, int i) {
        if (i > 0 && (Character.isLetterOrDigit(text.charAt(i - 1)) || text.charAt(i - 1) == '_')) {
            return null;
        }
        int j = i + 1;
        if (j < text.length() && Character.isDigit(text.charAt(j))) {
            return null;
        }
        while (j < text.length() && (Character.isLetterOrDigit(text.charAt(j)) || text.charAt(j) == '_')) {
            j++;
        }
        return j < text.length() && text.charAt(j) == '$' ? text.substring(i, j + 1) : null;
    }
}

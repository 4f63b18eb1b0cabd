package dev.provision.postgres;

import java.util.ArrayList;
import java.util.List;

/**
 * Splits PostgreSQL script text into statements and masks what is not code, keeping every offset,
 * so that a statement or a match can be reported at its line and column.
 *
 * <p>Comments and quoted strings become spaces in {@link Scan#masked()}; a dollar-quoted body (a
 * function's code) is masked the same way, recursively, but kept, because it is code too. A
 * semicolon ends a statement only outside all of these.
 */
public final class SqlScanner {
    private SqlScanner() {}

    /** One statement of a script: its text without the closing semicolon, and where it starts. */
    public record Statement(String text, int offset, int line, int column) {}

    /** The result of scanning: the text with non-code blanked, and the statements in order. */
    public record Scan(String text, String masked, List<Statement> statements) {

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
        List<int[]> ranges = new ArrayList<>();
        int start = 0;
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
                i = blank(masked, i, stringEnd(text, i, escapes));
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
                String body = scan(text.substring(bodyStart, bodyEnd)).masked();
                body.getChars(0, body.length(), masked, bodyStart);
                i = close < 0 ? n : blank(masked, close, close + tag.length());
            } else if (c == ';') {
                ranges.add(new int[] {start, i});
                start = i + 1;
                i++;
            } else {
                i++;
            }
        }
        ranges.add(new int[] {start, n});
        String maskedText = new String(masked);
        Scan scan = new Scan(text, maskedText, List.of());
        List<Statement> statements = new ArrayList<>();
        for (int[] range : ranges) {
            String code = maskedText.substring(range[0], range[1]);
            if (code.isBlank()) {
                continue;
            }
            int first = range[0] + (code.length() - code.stripLeading().length());
            statements.add(new Statement(text.substring(first, range[1]).strip(), first, scan.line(first), scan.column(first)));
        }
        return new Scan(text, maskedText, List.copyOf(statements));
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

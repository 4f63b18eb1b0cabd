package dev.provision.cli;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Quotes text for GitHub-flavoured Markdown so that nothing from an inventory or a server (a value, a
 * name, a statement) can open markup, close a table cell, end a fenced block or inject HTML.
 */
final class MarkdownText {
    private static final Pattern BACKTICKS = Pattern.compile("`+");
    private static final Pattern SPECIAL = Pattern.compile("([\\\\`*_\\[\\]<>#|~!])");

    private MarkdownText() {}

    /** {@code text} as an inline code span, with a fence longer than any run of backticks inside. */
    static String code(String text) {
        String flat = text.replace("\r", "").replace("\n", "\\n");
        String fence = "`".repeat(longestBackticks(flat) + 1);
        String pad = flat.startsWith("`") || flat.endsWith("`") ? " " : "";
        return fence + pad + flat + pad + fence;
    }

    /** {@code text} as plain Markdown text on one line: every character that could start markup escaped. */
    static String inline(String text) {
        return SPECIAL.matcher(html(text.replace("\r", "").replace("\n", " "))).replaceAll("\\\\$1");
    }

    /** {@code text} for inside a table cell: a pipe would end the cell, even inside a code span. */
    static String cell(String markdown) {
        return markdown.replace("|", "\\|");
    }

    /** {@code text} for inside HTML ({@code <summary>}, {@code <sub>}), on one line. */
    static String html(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
                .replace("\r", "").replace("\n", " ");
    }

    /** A fenced code block for {@code content}, its fence longer than any run of backticks inside, ending with a newline. */
    static String fenced(String language, String content) {
        String fence = "`".repeat(Math.max(3, longestBackticks(content) + 1));
        return fence + language + "\n" + content + "\n" + fence + "\n";
    }

    private static int longestBackticks(String text) {
        int longest = 0;
        Matcher run = BACKTICKS.matcher(text);
        while (run.find()) {
            longest = Math.max(longest, run.group().length());
        }
        return longest;
    }
}

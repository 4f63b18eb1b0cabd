package dev.provision.transport;

import java.util.List;
import java.util.regex.Pattern;

/**
 * Turns an argument vector into one POSIX shell command line that the shell splits back into
 * exactly the same arguments.
 *
 * <p>This is the only place where arguments become shell text. Each argument is left bare when it
 * holds only characters no shell treats specially, and is otherwise wrapped in single quotes, with
 * every embedded single quote written as {@code '"'"'}. Inside single quotes nothing is special
 * (not {@code $}, {@code `}, {@code \}, {@code ;} nor a newline), so no argument can run code.
 */
public final class ShellQuoter {

    private static final Pattern SAFE = Pattern.compile("[A-Za-z0-9_@%+=:,./-]+");

    private ShellQuoter() {}

    /** Quotes one argument; a NUL character cannot be passed to a program and is refused. */
    public static String quote(String argument) {
        if (argument.indexOf('\0') >= 0) {
            throw new IllegalArgumentException("a command argument cannot contain a NUL character");
        }
        if (SAFE.matcher(argument).matches()) {
            return argument;
        }
        return "'" + argument.replace("'", "'\"'\"'") + "'";
    }

    /** Quotes every argument and joins them with single spaces; the vector must not be empty. */
    public static String join(List<String> argv) {
        if (argv.isEmpty()) {
            throw new IllegalArgumentException("a command needs at least a program name");
        }
        StringBuilder line = new StringBuilder();
        for (String argument : argv) {
            if (line.length() > 0) {
                line.append(' ');
            }
            line.append(quote(argument));
        }
        return line.toString();
    }
}

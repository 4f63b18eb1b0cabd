package dev.provision.inventory;

import java.util.regex.Pattern;
import org.yaml.snakeyaml.nodes.Node;

/**
 * The shapes of names the provisioner passes to PostgreSQL, LXC and the shell.
 *
 * <p>Names are still quoted where they are used; these patterns exist so that a name never needs
 * quoting to mean what the user expects (no case folding surprises, no quotes, no spaces).
 */
final class SafeNames {
    static final Pattern SQL_IDENTIFIER = Pattern.compile("[a-z_][a-z0-9_]{0,62}");
    static final Pattern CONTAINER = Pattern.compile("[a-z0-9][a-z0-9-]{0,62}");
    static final Pattern HOST = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.-]{0,62}");
    static final Pattern HOSTNAME = Pattern.compile("[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?");
    static final Pattern ENV_VAR = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");
    static final Pattern BRIDGE = Pattern.compile("[A-Za-z0-9_.-]{1,15}");
    static final Pattern LOCALE = Pattern.compile("[A-Za-z0-9_.@-]{1,64}");
    static final Pattern WORD = Pattern.compile("[A-Za-z0-9_.-]{1,64}");

    static final String SQL_IDENTIFIER_RULE =
            "use lower-case letters, digits and underscores, starting with a letter or underscore, at most 63 characters";
    static final String CONTAINER_RULE =
            "use lower-case letters, digits and hyphens, starting with a letter or digit, at most 63 characters";

    private SafeNames() {}

    /** Reports {@code name} when it is not a safe SQL identifier; returns whether it is one. */
    static boolean checkSqlIdentifier(String name, String what, Node at, Problems problems) {
        if (name == null || SQL_IDENTIFIER.matcher(name).matches()) {
            return true;
        }
        problems.error(at, what + " \"" + name + "\" is not a safe identifier", SQL_IDENTIFIER_RULE);
        return false;
    }

    /** True for a path that is absolute and has no characters that would break a config line. */
    static boolean isCleanAbsolutePath(String path) {
        return path.startsWith("/") && path.chars().noneMatch(c -> c < 0x20 || c == 0x7f);
    }
}

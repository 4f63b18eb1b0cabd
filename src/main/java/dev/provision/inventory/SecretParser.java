package dev.provision.inventory;

import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.ScalarNode;

/** Reads a secret reference, {@code { env: NAME }} or {@code { file: PATH, generate: BOOL }}, and refuses literals. */
final class SecretParser {
    private final Problems problems;

    SecretParser(Problems problems) {
        this.problems = problems;
    }

    /** The reference written at {@code node} for {@code key} of {@code owner}; {@code null} if invalid. */
    SecretRef parse(Node node, String key, String owner) {
        if (node instanceof ScalarNode) {
            // Never echo the value: it is a secret that should not have been written here.
            problems.error(node, key + " of " + owner + " is written as a literal; the inventory must not hold secrets",
                    "write " + key + ": { env: NAME } or { file: PATH }, and keep the value out of the inventory");
            return null;
        }
        Fields f = Fields.open(node, InventoryKeys.SECRET, key + " of " + owner, problems).orElse(null);
        if (f == null) {
            return null;
        }
        String env = f.text("env");
        String file = f.text("file");
        boolean generate = f.bool("generate", false);
        if ((env == null) == (file == null)) {
            problems.error(node, key + " of " + owner + " must name exactly one of env or file",
                    "write { env: NAME } or { file: PATH }");
            return null;
        }
        if (env != null) {
            if (f.has("generate")) {
                problems.error(f.key("generate"), "generate applies only to file secrets",
                        "remove generate, or use { file: PATH, generate: true }");
            }
            if (!SafeNames.ENV_VAR.matcher(env).matches()) {
                problems.error(f.value("env"), "env \"" + env + "\" is not an environment variable name",
                        "use letters, digits and underscores, not starting with a digit");
                return null;
            }
            return new SecretRef(problems.at(node), SecretRef.Kind.ENV, env, false);
        }
        if (!SafeNames.isCleanAbsolutePath(file)) {
            problems.error(f.value("file"), "file of " + key + " must be an absolute path, not \"" + file + "\"",
                    "write a path such as /root/.config/provision/secrets/NAME");
            return null;
        }
        return new SecretRef(problems.at(node), SecretRef.Kind.FILE, file, generate);
    }
}

package dev.provision.cli;

import dev.provision.diag.Diagnostic;
import dev.provision.diag.SourceRange;
import dev.provision.plan.Mode;
import dev.provision.json.InventoryDigest;
import dev.provision.json.JsonDocument;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;

/**
 * The JSON document of a command whose arguments are wrong, for a caller that asked for {@code --json}:
 * outcome {@code invalid}, exit code 3, the mistake as a problem without a position.
 */
final class ArgumentErrorJson {
    /** The commands that print JSON; an argument error of any other is only text. */
    private static final Set<String> COMMANDS = Set.of("validate", "plan", "apply", "destroy");

    private ArgumentErrorJson() {}

    /** Whether {@code args} ask {@code command} for JSON ({@code --json} before any {@code --}). */
    static boolean wanted(String command, String[] args) {
        if (!COMMANDS.contains(command)) {
            return false;
        }
        for (String arg : args) {
            if (arg.equals("--")) {
                return false;
            }
            if (arg.equals("--json")) {
                return true;
            }
        }
        return false;
    }

    /** The document for {@code command} stopped by {@code message}, with {@code hint} saying what to do. */
    static String document(String command, String[] args, String message, String hint) {
        Path inventory = inventory(args);
        String digest = InventoryDigest.of(inventory);
        JsonDocument document = command.equals("validate")
                ? JsonDocument.validation(inventory, digest)
                : new JsonDocument(command, inventory, digest, command.equals("destroy") ? Mode.DESTROY : Mode.APPLY, List.of());
        document.problems(List.of(Diagnostic.error(new SourceRange(null, 0, 0), message, hint)));
        document.error("invalid", message, ExitCodes.INVALID);
        return document.toJson();
    }

    /** The {@code -i}/{@code --inventory} value in {@code args}, or the default; the arguments did not parse. */
    private static Path inventory(String[] args) {
        String file = "inventory.yaml";
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            if (arg.equals("--")) {
                break;
            } else if ((arg.equals("-i") || arg.equals("--inventory")) && i + 1 < args.length) {
                file = args[++i];
            } else if (arg.startsWith("--inventory=")) {
                file = arg.substring("--inventory=".length());
            } else if (arg.startsWith("-i") && arg.length() > 2 && !arg.startsWith("-i=")) {
                file = arg.substring(2);
            } else if (arg.startsWith("-i=")) {
                file = arg.substring(3);
            }
        }
        return Path.of(file);
    }
}

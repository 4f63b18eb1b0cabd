package dev.provision.inventory;

import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.yaml.snakeyaml.DumperOptions;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.Tag;
import org.yaml.snakeyaml.representer.Representer;

/**
 * Reads one YAML file into a SnakeYAML node tree, keeping positions, within fixed limits.
 *
 * <p>Only composes; never constructs Java objects, so no tag can instantiate a class. The limits
 * turn a huge file, an alias bomb or absurd nesting into a diagnostic instead of an
 * out-of-memory error or a hang. Every failure is reported to {@link Problems}, never thrown.
 */
final class YamlReader {
    /** Larger than any sane inventory; checked on bytes before reading and on code points while reading. */
    static final int MAX_SIZE = 3 * 1024 * 1024;
    static final int MAX_ALIASES = 50;
    static final int MAX_NESTING = 50;

    private final Problems problems;

    YamlReader(Problems problems) {
        this.problems = problems;
    }

    /** The root node, or empty when the file could not be read (the reason is in problems). */
    Optional<Node> read(Path file) {
        if (!Files.exists(file)) {
            problems.error(problems.wholeFile(), "inventory file not found",
                    "check the path, or pass the inventory with -i FILE");
            return Optional.empty();
        }
        if (!Files.isRegularFile(file) || !Files.isReadable(file)) {
            problems.error(problems.wholeFile(), "inventory is not a readable file", "pass a readable YAML file with -i FILE");
            return Optional.empty();
        }
        try {
            long size = Files.size(file);
            if (size > MAX_SIZE) {
                tooLarge(size + " bytes");
                return Optional.empty();
            }
            try (Reader reader = new InputStreamReader(Files.newInputStream(file), strictUtf8())) {
                Node root = yaml().compose(reader);
                if (root == null || isNull(root)) {
                    problems.error(problems.wholeFile(), "inventory is empty", "declare at least hosts (see docs/inventory.md)");
                    return Optional.empty();
                }
                new NodeChecker(problems).check(root);
                return Optional.of(root);
            }
        } catch (MarkedYAMLException e) {
            syntaxError(e);
        } catch (YAMLException e) {
            limitExceeded(e);
        } catch (CharacterCodingException e) {
            problems.error(problems.wholeFile(), "inventory is not valid UTF-8 text", "save the file as UTF-8");
        } catch (IOException e) {
            problems.error(problems.wholeFile(), "cannot read inventory: " + e.getMessage(), "check the file's permissions");
        }
        return Optional.empty();
    }

    static boolean isNull(Node node) {
        return node instanceof ScalarNode && Tag.NULL.equals(node.getTag());
    }

    private static Yaml yaml() {
        LoaderOptions options = new LoaderOptions();
        options.setAllowDuplicateKeys(true); // reported with positions by NodeChecker instead
        options.setMaxAliasesForCollections(MAX_ALIASES);
        options.setCodePointLimit(MAX_SIZE);
        options.setNestingDepthLimit(MAX_NESTING);
        options.setAllowRecursiveKeys(false);
        options.setMergeOnCompose(true);
        // Composing never instantiates anything, so every tag may pass the composer; NodeChecker
        // then reports each unsupported tag with its position instead of stopping at the first.
        options.setTagInspector(tag -> true);
        DumperOptions dumper = new DumperOptions();
        return new Yaml(new SafeConstructor(options), new Representer(dumper), dumper, options);
    }

    private static CharsetDecoder strictUtf8() {
        return StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
    }

    private void syntaxError(MarkedYAMLException e) {
        String problem = e.getProblem() == null ? "malformed YAML" : e.getProblem().strip();
        String context = e.getContext() == null ? "" : " (" + e.getContext().strip() + ")";
        problems.error(problems.at(e.getProblemMark()), "YAML syntax error: " + problem + context,
                "check indentation, colons and quoting at this position; quote values that contain ': ' or start with a special character");
    }

    private void limitExceeded(YAMLException e) {
        String message = String.valueOf(e.getMessage());
        if (e.getCause() instanceof CharacterCodingException) {
            problems.error(problems.wholeFile(), "inventory is not valid UTF-8 text", "save the file as UTF-8");
        } else if (message.contains("aliases")) {
            problems.error(problems.wholeFile(), "more than " + MAX_ALIASES + " aliases to lists or maps (an alias bomb?)",
                    "write the values out, or use fewer aliases");
        } else if (message.contains("exceeds the limit")) {
            tooLarge("more than " + MAX_SIZE + " characters");
        } else if (message.contains("Nesting Depth")) {
            problems.error(problems.wholeFile(), "YAML nested more than " + MAX_NESTING + " levels deep",
                    "flatten the file; an inventory needs fewer than 15 levels");
        } else {
            problems.error(problems.wholeFile(), "cannot read YAML: " + message, "fix the YAML and run validate again");
        }
    }

    private void tooLarge(String size) {
        problems.error(problems.wholeFile(), "inventory is too large (" + size + "; the limit is 3 MiB)",
                "split out SQL into files listed under sql, or check that this is the right file");
    }
}

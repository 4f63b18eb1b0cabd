package dev.provision.inventory;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;

/**
 * Typed access to one YAML map with a fixed set of keys; every mistake goes to {@link Problems}.
 *
 * <p>Reading never fails: a missing or ill-typed value is reported and replaced by its default (or
 * {@code null}), so the caller keeps going and the user sees every problem at once. Unknown keys
 * are reported when the map is opened, with a did-you-mean against {@link InventoryKeys}.
 */
final class Fields {
    private final Problems problems;
    private final Node node;
    private final String what;
    private final Map<String, NodeTuple> entries;

    private Fields(Problems problems, Node node, String what, Map<String, NodeTuple> entries) {
        this.problems = problems;
        this.node = node;
        this.what = what;
        this.entries = entries;
    }

    /** Opens {@code node} as a {@code kind} object described as {@code what}; empty if it is not a map. */
    static Optional<Fields> open(Node node, String kind, String what, Problems problems) {
        Map<String, NodeTuple> entries = entries(node, what, problems);
        if (entries == null) {
            return Optional.empty();
        }
        List<String> allowed = InventoryKeys.of(kind);
        entries.forEach((key, tuple) -> {
            if (!allowed.contains(key)) {
                String hint = Suggestions.hint(key, allowed);
                problems.error(tuple.getKeyNode(), "unknown key \"" + key + "\" in " + what,
                        hint.isEmpty() ? "allowed keys are " + String.join(", ", allowed) : hint);
            }
        });
        return Optional.of(new Fields(problems, node, what, entries));
    }

    /**
     * The entries of a map whose keys are names the user chooses, in file order; the first of
     * duplicate keys wins (duplicates are reported by {@link NodeChecker}). {@code null} if not a map.
     */
    static Map<String, NodeTuple> entries(Node node, String what, Problems problems) {
        Map<String, NodeTuple> entries = new LinkedHashMap<>();
        if (YamlReader.isNull(node)) {
            return entries;
        }
        if (!(node instanceof MappingNode mapping)) {
            problems.error(node, what + " must be a map, not " + describe(node),
                    "write it as key: value lines or { key: value }");
            return null;
        }
        for (NodeTuple tuple : mapping.getValue()) {
            if (tuple.getKeyNode() instanceof ScalarNode key) {
                entries.putIfAbsent(key.getValue(), tuple);
            }
        }
        return entries;
    }

    /** How a node reads in a message: {@code "abc"}, {@code a list}, {@code a map}. */
    static String describe(Node node) {
        if (node instanceof MappingNode) {
            return "a map";
        }
        if (node instanceof SequenceNode) {
            return "a list";
        }
        return "\"" + ((ScalarNode) node).getValue() + "\"";
    }

    /** The text of a scalar, or {@code null} (reported) when it is a list or map. */
    static String scalar(Node node, String what, Problems problems) {
        if (node instanceof ScalarNode scalar) {
            return scalar.getValue();
        }
        problems.error(node, what + " must be a single value, not " + describe(node), "write a plain value");
        return null;
    }

    Node node() {
        return node;
    }

    String what() {
        return what;
    }

    boolean has(String key) {
        NodeTuple tuple = entries.get(key);
        return tuple != null && !YamlReader.isNull(tuple.getValueNode());
    }

    /** The value node of {@code key}, or {@code null} when absent or written with no value. */
    Node value(String key) {
        return has(key) ? entries.get(key).getValueNode() : null;
    }

    /** The key node of {@code key}, for pointing at a key rather than its value. */
    Node key(String key) {
        NodeTuple tuple = entries.get(key);
        return tuple == null ? node : tuple.getKeyNode();
    }

    String text(String key) {
        Node value = value(key);
        return value == null ? null : scalar(value, label(key), problems);
    }

    String text(String key, String defaultValue) {
        String text = text(key);
        return text == null ? defaultValue : text;
    }

    String required(String key) {
        if (!has(key)) {
            missing(key);
            return null;
        }
        return text(key);
    }

    void missing(String key) {
        problems.error(node, what + " has no \"" + key + "\"", "add " + key + " (see docs/inventory.md)");
    }

    /** One of {@code allowed}; anything else is reported with the list and a did-you-mean. */
    String choice(String key, List<String> allowed, String defaultValue) {
        String text = text(key);
        if (text == null) {
            return defaultValue;
        }
        if (!allowed.contains(text)) {
            String hint = Suggestions.hint(text, allowed);
            problems.error(value(key), label(key) + " must be one of " + String.join(", ", allowed) + ", not \"" + text + "\"",
                    hint.isEmpty() ? "use one of the allowed values" : hint);
            return defaultValue;
        }
        return text;
    }

    Integer integer(String key, long min, long max) {
        String text = text(key);
        if (text == null) {
            return null;
        }
        try {
            long value = Long.parseLong(text.strip());
            if (value >= min && value <= max) {
                return (int) value;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        problems.error(value(key), label(key) + " must be an integer from " + min + " to " + max + ", not \"" + text + "\"",
                "write a whole number in that range");
        return null;
    }

    int integer(String key, int defaultValue, long min, long max) {
        Integer value = integer(key, min, max);
        return value == null ? defaultValue : value;
    }

    boolean bool(String key, boolean defaultValue) {
        String text = text(key);
        if (text == null) {
            return defaultValue;
        }
        if (text.equals("true") || text.equals("false")) {
            return Boolean.parseBoolean(text);
        }
        problems.error(value(key), label(key) + " must be true or false, not \"" + text + "\"", "write true or false");
        return defaultValue;
    }

    /** The items of a list; a single value or a map is reported. Absent means empty. */
    List<Node> list(String key) {
        Node value = value(key);
        if (value == null) {
            return List.of();
        }
        if (value instanceof SequenceNode sequence) {
            return new ArrayList<>(sequence.getValue());
        }
        problems.error(value, label(key) + " must be a list, not " + describe(value), "write [a, b] or one \"- item\" per line");
        return List.of();
    }

    /** The entries of a map of user-chosen names under {@code key}; absent or ill-typed means empty. */
    Map<String, NodeTuple> named(String key) {
        Node value = value(key);
        if (value == null) {
            return Map.of();
        }
        Map<String, NodeTuple> named = entries(value, label(key), problems);
        return named == null ? Map.of() : named;
    }

    /** {@code key in what}, for messages. */
    String label(String key) {
        return key + " of " + what;
    }
}

package dev.provision.inventory;

import java.util.Collections;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.Map;
import java.util.Set;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.nodes.Tag;

/**
 * Checks the whole node tree once, whatever the schema says: no tags beyond plain YAML values, no
 * duplicate keys, only scalar keys.
 *
 * <p>Each node is visited once even when aliases share it, so the cost is linear in the file.
 */
final class NodeChecker {
    private static final Set<Tag> PLAIN = Set.of(Tag.STR, Tag.INT, Tag.FLOAT, Tag.BOOL, Tag.NULL, Tag.TIMESTAMP,
            Tag.MAP, Tag.SEQ);

    private final Problems problems;
    private final Set<Node> visited = Collections.newSetFromMap(new IdentityHashMap<>());

    NodeChecker(Problems problems) {
        this.problems = problems;
    }

    void check(Node node) {
        if (!visited.add(node)) {
            return;
        }
        if (!PLAIN.contains(node.getTag())) {
            problems.error(node, "unsupported tag " + display(node.getTag()),
                    "remove the tag; the inventory holds only plain strings, numbers, booleans, lists and maps");
        }
        if (node instanceof MappingNode mapping) {
            checkKeys(mapping);
        } else if (node instanceof SequenceNode sequence) {
            sequence.getValue().forEach(this::check);
        }
    }

    private void checkKeys(MappingNode mapping) {
        Map<String, Node> firstByKey = new HashMap<>();
        for (NodeTuple tuple : mapping.getValue()) {
            Node key = tuple.getKeyNode();
            check(key);
            check(tuple.getValueNode());
            if (!(key instanceof ScalarNode scalar)) {
                problems.error(key, "a key must be a plain name, not a list or map", "write the key as a string");
                continue;
            }
            Node first = firstByKey.putIfAbsent(scalar.getValue(), key);
            if (first != null) {
                problems.error(key, "duplicate key \"" + scalar.getValue() + "\" (first written at line "
                        + (first.getStartMark().getLine() + 1) + ")", "remove one of them or merge their contents");
            }
        }
    }

    static String display(Tag tag) {
        String value = tag.getValue();
        return value.startsWith(Tag.PREFIX) ? "!!" + value.substring(Tag.PREFIX.length()) : value;
    }
}

package dev.provision.inventory;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;

/**
 * Reads a {@code settings} map, server-wide or per database, and checks each parameter offline
 * against the {@link ParameterCatalog}: its name, its value, where it may be set, and that a
 * memory size fits in the container.
 */
final class SettingsParser {
    /** Keys the provisioner writes itself; a setting would fight with them. */
    private static final Map<String, String> MANAGED = Map.of(
            "port", "set it with postgres.port",
            "listen_addresses", "set it with postgres.listen_addresses",
            "data_directory", "provision keeps the distribution's data directory; remove it",
            "config_file", "provision manages postgresql.conf; remove it",
            "hba_file", "write rules under postgres.hba instead",
            "ident_file", "provision manages pg_ident.conf; remove it");

    enum Level { SERVER, DATABASE }

    private final Problems problems;
    private final ParameterCatalog catalog;

    SettingsParser(Problems problems, ParameterCatalog catalog) {
        this.problems = problems;
        this.catalog = catalog;
    }

    /**
     * The settings in {@code entries}, each checked.
     *
     * @param memoryLimit the container's memory limit in bytes, or {@code null} when it has none
     */
    Map<String, Setting> parse(Map<String, NodeTuple> entries, Level level, Long memoryLimit) {
        Map<String, Setting> settings = new LinkedHashMap<>();
        entries.forEach((name, tuple) -> {
            Node valueNode = tuple.getValueNode();
            String value = valueNode instanceof ScalarNode scalar && !YamlReader.isNull(scalar) ? scalar.getValue() : null;
            if (YamlReader.isNull(valueNode)) {
                problems.error(valueNode, "setting " + name + " has no value", "write a value, or remove the setting");
            } else if (value == null) {
                problems.error(valueNode, "setting " + name + " must be a single value, not " + Fields.describe(valueNode),
                        "write the value as PostgreSQL reads it; a list is one string, e.g. \"a, b\"");
            }
            if (value != null) {
                check(name, value, tuple, level, memoryLimit);
            }
            settings.put(name, new Setting(name, value, problems.at(tuple.getKeyNode())));
        });
        return settings;
    }

    private void check(String name, String value, NodeTuple tuple, Level level, Long memoryLimit) {
        Node key = tuple.getKeyNode();
        Node valueNode = tuple.getValueNode();
        if (name.contains(".")) {
            return; // an extension's parameter, e.g. pg_stat_statements.max: PostgreSQL accepts any such name
        }
        Parameter p = catalog.lookup(name).orElse(null);
        if (p == null) {
            String hint = Suggestions.hint(name, catalog.names());
            List<String> others = ParameterCatalog.versions().stream()
                    .filter(v -> v != catalog.version() && ParameterCatalog.forVersion(v).flatMap(c -> c.lookup(name)).isPresent())
                    .map(String::valueOf).toList();
            String where = others.isEmpty() ? "" : " (PostgreSQL " + String.join(", ", others) + " "
                    + (others.size() == 1 ? "has" : "have") + " it)";
            problems.error(key, "unknown PostgreSQL " + catalog.version() + " parameter \"" + name + "\"" + where,
                    hint.isEmpty() ? others.isEmpty() ? "check the name in the PostgreSQL documentation"
                            : "remove it, or declare a version that has it" : hint);
            return;
        }
        if (level == Level.SERVER && MANAGED.containsKey(p.name())) {
            problems.error(key, p.name() + " cannot be set in postgres.settings", MANAGED.get(p.name()));
            return;
        }
        if (p.context() == Parameter.Context.INTERNAL) {
            problems.error(key, p.name() + " is read-only (context internal)", "remove it; it is fixed when PostgreSQL is built or initialised");
            return;
        }
        if (level == Level.DATABASE && !p.context().settablePerDatabase()) {
            problems.error(key, p.name() + " cannot be set per database (context " + p.context().pgName() + ")",
                    "move it to postgres.settings");
        }
        ParameterValues.check(p, value).ifPresentOrElse(
                problem -> problems.error(valueNode, problem.summary(), problem.remedy()),
                () -> checkMemory(p, value, valueNode, memoryLimit));
    }

    private void checkMemory(Parameter p, String value, Node at, Long memoryLimit) {
        if (memoryLimit == null || !p.usesMemory()) {
            return;
        }
        OptionalLong bytes = ParameterValues.bytes(p, value);
        if (bytes.isPresent() && bytes.getAsLong() > memoryLimit) {
            problems.error(at, p.name() + " = " + value + " is more than the container's memory limit of "
                    + ByteSize.format(memoryLimit), "lower " + p.name() + ", or raise resources.memory");
        }
    }
}

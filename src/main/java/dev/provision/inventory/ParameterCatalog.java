package dev.provision.inventory;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Collection;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The run-time parameters of one PostgreSQL major version, read offline from a resource generated
 * from that major's own server's {@code pg_settings} (in a root filesystem of the Debian release that
 * packages it) by {@code scripts/gen-pg-parameters.sh RELEASE}.
 *
 * <p>Lookups are case-insensitive, as PostgreSQL's are. Parameters of extensions (names with a
 * dot, such as {@code pg_stat_statements.max}) are not in the catalog.
 */
public final class ParameterCatalog {
    /** One catalogue per major a supported Debian release packages, generated from that release's own server. */
    private static final Map<Integer, String> RESOURCES = Map.of(
            13, "pg13-parameters.tsv", 15, "pg15-parameters.tsv", 17, "pg17-parameters.tsv", 18, "pg18-parameters.tsv");
    private static final Map<Integer, ParameterCatalog> LOADED = new ConcurrentHashMap<>();

    private final int version;
    private final Map<String, Parameter> byLowerName;
    private final List<String> names;

    private ParameterCatalog(int version, Map<String, Parameter> byLowerName) {
        this.version = version;
        this.byLowerName = Collections.unmodifiableMap(byLowerName);
        this.names = byLowerName.values().stream().map(Parameter::name).toList();
    }

    /** The PostgreSQL major versions that have a catalog. */
    public static Collection<Integer> versions() {
        return new TreeSet<>(RESOURCES.keySet());
    }

    /** The catalog of {@code majorVersion}, or empty when there is none. */
    public static Optional<ParameterCatalog> forVersion(int majorVersion) {
        String resource = RESOURCES.get(majorVersion);
        if (resource == null) {
            return Optional.empty();
        }
        return Optional.of(LOADED.computeIfAbsent(majorVersion, v -> load(v, resource)));
    }

    public static ParameterCatalog pg15() {
        return forVersion(15).orElseThrow();
    }

    public int version() {
        return version;
    }

    /** The parameter called {@code name}, in any letter case. */
    public Optional<Parameter> lookup(String name) {
        return Optional.ofNullable(byLowerName.get(name.toLowerCase(Locale.ROOT)));
    }

    /** Every parameter name, sorted, as PostgreSQL spells it. */
    public List<String> names() {
        return names;
    }

    private static ParameterCatalog load(int version, String resource) {
        Map<String, Parameter> parameters = new TreeMap<>();
        try (InputStream in = ParameterCatalog.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("missing resource " + resource + "; run scripts/gen-pg-parameters.sh with a release that packages PostgreSQL " + version);
            }
            BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                if (!line.isBlank() && !line.startsWith("#")) {
                    Parameter parameter = parse(line);
                    parameters.put(parameter.name().toLowerCase(Locale.ROOT), parameter);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + resource, e);
        }
        return new ParameterCatalog(version, parameters);
    }

    /** One line: name, context, vartype, unit, min, max, enum values (|-separated), category. */
    private static Parameter parse(String line) {
        String[] f = line.split("\t", -1);
        if (f.length != 8) {
            throw new IllegalStateException("malformed parameter line: " + line);
        }
        List<String> enumValues = f[6].isEmpty() ? List.of() : Arrays.asList(f[6].split("\\|"));
        return new Parameter(f[0], Parameter.Context.of(f[1]), Parameter.Type.valueOf(f[2].toUpperCase(Locale.ROOT)),
                f[3].isEmpty() ? null : f[3], number(f[4]), number(f[5]), enumValues, f[7]);
    }

    private static Double number(String text) {
        return text.isEmpty() ? null : Double.valueOf(text);
    }
}

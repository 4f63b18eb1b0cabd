package dev.provision.inventory;

import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import org.yaml.snakeyaml.nodes.Node;

/**
 * Reads a server's {@code package_source}: an http(s) URL, a suite and components that are plain words,
 * and a key file that holds an ASCII-armoured OpenPGP public key. Nothing is contacted.
 */
final class PackageSourceParser {
    private static final Pattern WORD = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._/-]{0,99}");
    private static final String ARMOUR = "-----BEGIN PGP PUBLIC KEY BLOCK-----";

    private final Problems problems;
    private final Path baseDir;

    PackageSourceParser(Problems problems, Path baseDir) {
        this.problems = problems;
        this.baseDir = baseDir;
    }

    /** The source declared at {@code node} for a container of {@code release}, or {@code null} after reporting why not. */
    PackageSource parse(Node node, String container, String release) {
        Fields f = Fields.open(node, InventoryKeys.PACKAGE_SOURCE, "package_source of container \"" + container + "\"", problems)
                .orElse(null);
        if (f == null) {
            return null;
        }
        String url = url(f, f.required("url"));
        String suite = word(f, "suite", f.text("suite", release == null ? null : release + "-pgdg"));
        List<String> components = new ArrayList<>();
        if (f.has("components")) {
            for (Node item : f.list("components")) {
                String component = word(f, "components", Fields.scalar(item, "components entry", problems));
                if (component != null) {
                    components.add(component);
                }
            }
        } else {
            components.add("main");
        }
        String keyFile = f.required("key");
        String key = keyFile == null ? null : key(f, keyFile);
        if (url == null || suite == null || components.isEmpty() || key == null) {
            return null;
        }
        return new PackageSource(problems.at(node), url, suite, components, key, keyFile);
    }

    private String url(Fields f, String text) {
        if (text == null) {
            return null;
        }
        try {
            URI uri = new URI(text);
            if (("https".equals(uri.getScheme()) || "http".equals(uri.getScheme())) && uri.getHost() != null
                    && !text.matches(".*[\\s\"'\\\\\\[\\]].*")) {
                return text;
            }
        } catch (URISyntaxException e) {
            // reported below
        }
        problems.error(f.value("url"), f.label("url") + " \"" + text + "\" is not an http or https URL",
                "write the repository's URL as its publisher gives it, such as https://HOST/PATH");
        return null;
    }

    private String word(Fields f, String key, String value) {
        if (value != null && !WORD.matcher(value).matches()) {
            problems.error(f.value(key), f.label(key) + " \"" + value + "\" has characters that are not allowed",
                    "use letters, digits, '.', '_', '/' and '-'");
            return null;
        }
        return value;
    }

    private String key(Fields f, String keyFile) {
        Path path = baseDir.resolve(keyFile).normalize();
        String text;
        try {
            text = Files.readString(path, StandardCharsets.UTF_8);
        } catch (IOException | RuntimeException e) {
            problems.error(f.value("key"), "cannot read the signing key file " + keyFile + " (relative to the inventory's directory)",
                    "save the repository's ASCII-armoured public key there, or fix the path");
            return null;
        }
        if (!text.strip().startsWith(ARMOUR) || text.length() > 65536) {
            problems.error(f.value("key"), "the signing key file " + keyFile + " does not hold an ASCII-armoured public key",
                    "save the key as its publisher gives it, starting with " + ARMOUR);
            return null;
        }
        return text;
    }
}

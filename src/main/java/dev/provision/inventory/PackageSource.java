package dev.provision.inventory;

import dev.provision.diag.SourceRange;
import java.util.List;

/**
 * An apt repository the user declares for a container's PostgreSQL packages, such as PostgreSQL's own
 * (which packages every supported major for every current release): its URL, suite, components and
 * signing key. The base build adds it before it installs the server; nothing here is secret.
 *
 * @param url the repository's URL, exactly as the user wrote it (provision names no repository itself)
 * @param suite the suite, by default {@code <release>-pgdg}, as PostgreSQL's own repository names them
 * @param key the repository's public signing key, ASCII-armoured, read from the file the user named
 * @param keyFile the key's file as written in the inventory, for messages and the plan
 */
public record PackageSource(SourceRange at, String url, String suite, List<String> components, String key, String keyFile) {
    public PackageSource {
        components = List.copyOf(components);
    }

    /** The one line of {@code /etc/apt/sources.list.d/provision-postgresql.list}. */
    public String sourcesLine(String keyring) {
        return "deb [signed-by=" + keyring + "] " + url + " " + suite + " " + String.join(" ", components);
    }
}

package dev.provision.inventory;

import dev.provision.diag.SourceRange;
import java.util.List;
import java.util.Map;

/**
 * The PostgreSQL server in a container: its version, server-wide settings, client authentication
 * rules, and the roles and databases it holds.
 *
 * @param packageSource the apt repository the packages come from, or {@code null}: the release's own archive
 * @param settings server-wide parameters rendered into postgresql.conf, values as written
 * @param backups its pgBackRest backups and WAL archive, or {@code null} when none are declared
 */
public record Postgres(
        SourceRange at,
        int version,
        PackageSource packageSource,
        List<String> listenAddresses,
        int port,
        Map<String, Setting> settings,
        List<HbaRule> hba,
        Map<String, Role> roles,
        Map<String, Database> databases,
        Backups backups) {

    public Postgres {
        listenAddresses = List.copyOf(listenAddresses);
        settings = Maps.ordered(settings);
        hba = List.copyOf(hba);
        roles = Maps.ordered(roles);
        databases = Maps.ordered(databases);
    }
}

package dev.provision.resource.pgserver;

import dev.provision.diag.Diagnostics;
import dev.provision.diag.SourceRange;
import dev.provision.inventory.Container;
import dev.provision.inventory.HbaRule;
import dev.provision.inventory.Inventory;
import dev.provision.inventory.Postgres;
import dev.provision.inventory.Setting;
import dev.provision.plan.AdminAccess;
import dev.provision.template.TemplateRenderer;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The desired postgresql.conf (rendered from {@code templates/postgresql.conf.j2}) and pg_hba.conf
 * (from the inventory's rules) of a container's server. Pure apart from reading the template.
 */
public final class ServerFiles {
    /** Debian's cluster name; provision manages the one cluster a package install creates. */
    public static final String CLUSTER = "main";
    static final String TEMPLATE = "templates/postgresql.conf.j2";

    /** The two files, or {@code null} when the template reported errors into {@code diagnostics}. */
    public record Desired(String postgresqlConf, String pgHbaConf) {}

    private final TemplateRenderer renderer = new TemplateRenderer();

    /**
     * @param adminFrom the address provision's admin tunnel arrives from (the host's bridge address)
     */
    public Desired render(Inventory inventory, Container container, String adminFrom, Diagnostics diagnostics) {
        Postgres pg = container.postgres();
        Path templatePath = inventory.baseDir().resolve(TEMPLATE);
        String template = template(templatePath, diagnostics);
        if (template == null) {
            return null;
        }
        Map<String, String> settings = new LinkedHashMap<>();
        for (Setting s : pg.settings().values()) {
            settings.put(s.name(), s.value().replace("'", "''"));
        }
        Map<String, Object> variables = new LinkedHashMap<>();
        variables.put("version", pg.version());
        variables.put("cluster", CLUSTER);
        variables.put("port", pg.port());
        variables.put("listen_addresses", pg.listenAddresses());
        Long memory = container.resources().memoryBytes();
        Integer cpus = container.resources().cpus();
        variables.put("memory_bytes", memory == null ? 0L : memory);
        variables.put("cpus", cpus == null ? 0 : cpus);
        variables.put("settings", settings);
        variables.put("container", container.name());
        // WAL goes to pgBackRest when the inventory declares backups ("" when it does not)
        variables.put("archive_command", pg.backups() == null ? ""
                : "pgbackrest --stanza=" + dev.provision.inventory.Backups.STANZA + " archive-push %p");
        String conf = renderer.render(Files.exists(templatePath) ? templatePath : Path.of(TEMPLATE), template, variables, diagnostics);
        return conf == null ? null : new Desired(Stamp.apply(conf), Stamp.apply(hba(pg, adminFrom)));
    }

    /**
     * pg_hba.conf: peer access for the postgres OS user, provision's admin role from the host's end
     * of the tunnel only, then exactly the declared rules. Nothing is more open than declared.
     */
    static String hba(Postgres pg, String adminFrom) {
        StringBuilder out = new StringBuilder();
        out.append("# Managed by provision from the inventory; edits by hand are reported as drift and replaced.\n");
        out.append("# TYPE  DATABASE  USER  ADDRESS  METHOD\n");
        out.append("local   all       postgres         peer\n");
        out.append("host    all       ").append(AdminAccess.ROLE).append("  ").append(adminFrom).append("/32  scram-sha-256\n");
        for (HbaRule rule : pg.hba()) {
            out.append(rule.type()).append("  ").append(rule.database()).append("  ").append(rule.user()).append("  ");
            if (rule.address() != null) {
                out.append(rule.address()).append("  ");
            }
            out.append(rule.method()).append('\n');
        }
        return out.toString();
    }

    private static String template(Path path, Diagnostics diagnostics) {
        try {
            if (Files.exists(path)) {
                return Files.readString(path);
            }
            try (InputStream in = ServerFiles.class.getResourceAsStream("/" + TEMPLATE)) {
                if (in != null) {
                    return new String(in.readAllBytes(), StandardCharsets.UTF_8);
                }
            }
            diagnostics.error(SourceRange.none(path), "the server configuration template is missing",
                    "create " + TEMPLATE + " beside the inventory");
            return null;
        } catch (IOException e) {
            diagnostics.error(SourceRange.none(path), "cannot read the template: " + e.getMessage(), "check its permissions");
            return null;
        }
    }
}

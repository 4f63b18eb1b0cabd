package dev.provision.resource.pgserver;

import dev.provision.inventory.PackageSource;
import dev.provision.plan.Step;
import dev.provision.transport.ScriptResource;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** The exact commands that install and configure PostgreSQL in one container, run from its LXC host. */
final class ServerSteps {
    private static final String INSTALL = ScriptResource.load(ServerSteps.class, "install-server.sh");
    private static final String PACKAGE_SOURCE = ScriptResource.load(ServerSteps.class, "add-package-source.sh");
    /** Where the declared package source's signing key goes in a container. */
    static final String KEYRING = "/usr/share/keyrings/provision-postgresql.asc";
    private static final String LOCALES = ScriptResource.load(ServerSteps.class, "ensure-locales.sh");
    private static final String ACTIVATE = ScriptResource.load(ServerSteps.class, "activate-config.sh");
    private static final String STAGE = "umask 077; cat > \"$1\"";
    private static final Duration SHORT = Duration.ofSeconds(120);

    private final String host;
    private final String container;
    private final int version;

    ServerSteps(String host, String container, int version) {
        this.host = host;
        this.container = container;
        this.version = version;
    }

    Step install() {
        return inside(Duration.ofMinutes(20), "install postgresql-" + version + " and locales (apt-get) unless present,"
                        + " create cluster " + version + "/" + ServerFiles.CLUSTER + " unless present",
                "sh", "-c", INSTALL, "provision-install", String.valueOf(version), ServerFiles.CLUSTER, container);
    }

    /** Adds the declared apt repository (its key on standard input) before the packages are installed. */
    static Step.Run packageSource(String host, String container, PackageSource source) {
        List<String> argv = List.of("lxc-attach", "-n", container, "--", "sh", "-c", PACKAGE_SOURCE, "provision-package-source",
                source.sourcesLine(KEYRING), KEYRING);
        return new Step.Run(host, argv, source.key(), Duration.ofMinutes(10), "lxc-attach -n " + container
                + " -- add package source " + source.url() + " " + source.suite() + " (key from " + source.keyFile() + ")", false);
    }

    Step locales(List<String> locales) {
        List<String> argv = new ArrayList<>(List.of("sh", "-c", LOCALES, "provision-locales"));
        argv.addAll(locales);
        return inside(Duration.ofMinutes(5), "generate locales " + String.join(" ", locales), argv.toArray(String[]::new));
    }

    List<Step> stage(ServerFiles.Desired desired) {
        return List.of(
                stageFile("postgresql.conf", desired.postgresqlConf()),
                stageFile("pg_hba.conf", desired.pgHbaConf()));
    }

    /** Checks the staged files and makes the server use them: {@code reload}, {@code restart} or {@code start}. */
    Step activate(String mode) {
        return inside(SHORT, "check the new files with postgres -C and pg_hba_file_rules, then " + mode
                        + " (the previous files are restored on any error)",
                "sh", "-c", ACTIVATE, "provision-activate", String.valueOf(version), ServerFiles.CLUSTER, mode);
    }

    Step resetAlterSystem() {
        return inside(SHORT, "ALTER SYSTEM RESET ALL (postgresql.auto.conf back to empty)",
                "runuser", "-u", "postgres", "--", "psql", "--cluster", version + "/" + ServerFiles.CLUSTER, "-XAtq",
                "-v", "ON_ERROR_STOP=1", "-c", "ALTER SYSTEM RESET ALL");
    }

    Step bootstrapAdmin() {
        return new Step.BootstrapAdmin(host, container, version);
    }

    Step start() {
        return inside(SHORT, "start the server (systemctl start postgresql@" + version + "-" + ServerFiles.CLUSTER
                        + ", waiting until it accepts connections)",
                "sh", "-c", ACTIVATE, "provision-activate", String.valueOf(version), ServerFiles.CLUSTER, "start");
    }

    private Step stageFile(String name, String content) {
        String path = "/etc/postgresql/" + version + "/" + ServerFiles.CLUSTER + "/" + name + ".provision-new";
        return inside(SHORT, "stage " + path, "sh", "-c", STAGE, "provision-stage", path).withStdin(content)
                .labelled("stage " + path + " (" + content.lines().count() + " lines)");
    }

    private Step.Run inside(Duration timeout, String label, String... argv) {
        List<String> full = new ArrayList<>(List.of("lxc-attach", "-n", container, "--"));
        full.addAll(List.of(argv));
        return new Step.Run(host, full, null, timeout, "lxc-attach -n " + container + " -- " + label, false);
    }
}

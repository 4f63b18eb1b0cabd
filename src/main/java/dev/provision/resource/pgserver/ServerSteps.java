package dev.provision.resource.pgserver;

import dev.provision.backend.BaseContribution;
import dev.provision.connect.ContainerAccess;
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
    private static final Duration SHORT = Duration.ofSeconds(120);

    private final String host;
    private final String container;
    private final int version;
    private final ContainerAccess access;

    /** @param access how commands and files get into the container (its backend's way) */
    ServerSteps(String host, String container, int version, ContainerAccess access) {
        this.host = host;
        this.container = container;
        this.version = version;
        this.access = access;
    }

    Step install() {
        return inside(Duration.ofMinutes(20), "install postgresql-" + version + " and locales (apt-get) unless present,"
                        + " create cluster " + version + "/" + ServerFiles.CLUSTER + " unless present",
                "sh", "-c", INSTALL, "provision-install", String.valueOf(version), ServerFiles.CLUSTER, container);
    }

    /** Adds the declared apt repository (its public key as an argument) before the packages are installed. */
    Step packageSource(PackageSource source) {
        BaseContribution.Command command = packageSourceCommand(source);
        return inside(command.timeout(), command.label(), command.argv().toArray(String[]::new));
    }

    /** The command that adds {@code source} in a container: its sources line and public key as arguments. */
    static BaseContribution.Command packageSourceCommand(PackageSource source) {
        return new BaseContribution.Command("add package source " + source.url() + " " + source.suite()
                        + " (key from " + source.keyFile() + ")", Duration.ofMinutes(10),
                List.of("sh", "-c", PACKAGE_SOURCE, "provision-package-source", source.sourcesLine(KEYRING), KEYRING, source.key()));
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
        return access.upload(host, container, path, content, "stage " + path + " (" + content.lines().count() + " lines)");
    }

    private Step.Run inside(Duration timeout, String label, String... argv) {
        return access.exec(host, container, timeout, label, List.of(argv));
    }
}

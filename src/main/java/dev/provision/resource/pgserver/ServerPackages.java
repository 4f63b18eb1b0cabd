package dev.provision.resource.pgserver;

import dev.provision.backend.BaseContribution;
import dev.provision.inventory.Container;
import dev.provision.transport.ScriptResource;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The server kind's part of a prepared base: PostgreSQL's packages and the container's locales are
 * installed in the base (no cluster: a base holds nothing of any one container), and each clone makes
 * its own cluster and TLS key as it first starts, so that clones never share a system identifier.
 */
public final class ServerPackages implements BaseContribution {
    private static final String INSTALL = ScriptResource.load(ServerPackages.class, "install-server.sh");
    private static final String LOCALES = ScriptResource.load(ServerPackages.class, "ensure-locales.sh");
    /** apt-get in a fresh container may fetch a few hundred packages. */
    private static final Duration INSTALL_TIMEOUT = Duration.ofMinutes(20);

    @Override
    public List<Command> prepareBase(Container container) {
        int version = container.postgres().version();
        List<Command> commands = new ArrayList<>();
        if (container.postgres().packageSource() != null) {
            commands.add(ServerSteps.packageSourceCommand(container.postgres().packageSource()));
        }
        commands.add(new Command("install postgresql-" + version + " and locales (apt-get)", INSTALL_TIMEOUT,
                List.of("sh", "-c", INSTALL, "provision-install", String.valueOf(version))));
        List<String> locales = ServerPlanner.locales(container);
        if (!locales.isEmpty()) {
            List<String> argv = new ArrayList<>(List.of("sh", "-c", LOCALES, "provision-locales"));
            argv.addAll(locales);
            commands.add(new Command("generate locales " + String.join(" ", locales), Duration.ofMinutes(5), argv));
        }
        return commands;
    }

    @Override
    public List<Command> finishClone(Container container) {
        int version = container.postgres().version();
        return List.of(new Command("create cluster " + version + "/" + ServerFiles.CLUSTER
                        + " and the TLS key (packages come from the base)", INSTALL_TIMEOUT,
                List.of("sh", "-c", INSTALL, "provision-install", String.valueOf(version), ServerFiles.CLUSTER)));
    }

    @Override
    public String describe(Container container) {
        return "apt-get install postgresql-" + container.postgres().version();
    }
}

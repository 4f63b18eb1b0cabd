package dev.provision.cli;

import dev.provision.host.HostPaths;
import dev.provision.apply.lock.LockScope;
import dev.provision.apply.lock.RunLocks;
import dev.provision.inventory.Container;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code provision force-unlock LOCK}: removes a lock left on a host by a run that was killed. */
@Command(
        name = "force-unlock",
        mixinStandardHelpOptions = true,
        header = "Release a lock left by a killed run.",
        description = {
            "Removes one of provision's locks (under " + HostPaths.LOCKS + " on the host), left there by a run"
                    + " that was killed. apply and destroy lock each container they change, and a host while its"
                    + " host-wide state changes (host preparation, bridges, bases); another run is refused, or waits"
                    + " with --lock-timeout, and is told the holder and the exact command to run here.",
            "",
            "LOCK is containers.NAME for a container's lock, or hosts.NAME (or just the host's name) for a host's.",
            "Only use it when no provision run is active against it."
        },
        footerHeading = "%nExamples:%n",
        footer = {
            "  provision force-unlock containers.event-store   # that container's lock, ./inventory.yaml",
            "  provision force-unlock -i fleet.yaml edge       # the host-wide lock of host edge"
        })
final class ForceUnlockCommand implements Callable<Integer> {
    @Mixin
    CommonOptions options;

    @Parameters(paramLabel = "LOCK", description = "containers.NAME, hosts.NAME, or a host's name.")
    String lock;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        try (Session session = Session.open(options, spec)) {
            for (LockScope scope : scopes(session)) {
                Optional<String> owner = RunLocks.forceRelease(session.connections().get(scope.host()), scope);
                spec.commandLine().getOut().println(owner.isEmpty()
                        ? capitalized(scope.describe()) + " was not locked."
                        : "Released the lock on " + scope.describe() + " held by: " + owner.get());
            }
            return ExitCodes.OK;
        }
    }

    /**
     * The lock {@code lock} names. A container the inventory no longer declares (one being removed) is
     * looked for on every host.
     */
    private List<LockScope> scopes(Session session) {
        if (lock.startsWith("containers.")) {
            String name = lock.substring("containers.".length());
            Container container = session.inventory().containers().get(name);
            if (container == null) {
                return session.inventory().hosts().keySet().stream().map(host -> LockScope.container(host, name)).toList();
            }
            return List.of(LockScope.container(container.host(), name));
        }
        String host = lock.startsWith("hosts.") ? lock.substring("hosts.".length()) : lock;
        if (!session.inventory().hosts().containsKey(host)) {
            throw new UserError("no host named \"" + host + "\" in " + options.inventory
                    + "; the hosts are " + session.inventory().hosts().keySet() + " (a container's lock is containers.NAME)");
        }
        return List.of(LockScope.host(host));
    }

    private static String capitalized(String text) {
        return Character.toUpperCase(text.charAt(0)) + text.substring(1);
    }
}

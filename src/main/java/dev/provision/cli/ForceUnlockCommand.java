package dev.provision.cli;

import dev.provision.engine.HostLock;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code provision force-unlock HOST}: removes a lock left on a host by a run that was killed. */
@Command(
        name = "force-unlock",
        mixinStandardHelpOptions = true,
        header = "Release a host lock left by a killed run.",
        description = {
            "Removes provision's lock on a host (/var/lib/provision/lock), left there by a run that was killed."
                    + " apply and destroy take the lock on every host they change, and a second run is refused"
                    + " with the holder's name and age.",
            "",
            "Only use it when no provision run is active against that host."
        },
        footerHeading = "%nExamples:%n",
        footer = {
            "  provision force-unlock bed             # the host named bed in ./inventory.yaml",
            "  provision force-unlock -i fleet.yaml edge"
        })
final class ForceUnlockCommand implements Callable<Integer> {
    @Mixin
    CommonOptions options;

    @Parameters(paramLabel = "HOST", description = "The host's name in the inventory.")
    String host;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        try (Session session = Session.open(options, spec)) {
            if (!session.inventory().hosts().containsKey(host)) {
                throw new UserError("no host named \"" + host + "\" in " + options.inventory
                        + "; the hosts are " + session.inventory().hosts().keySet());
            }
            String owner = HostLock.forceRelease(session.connections().get(host));
            spec.commandLine().getOut().println(owner.isEmpty()
                    ? "Host " + host + " was not locked."
                    : "Released the lock on host " + host + " held by: " + owner);
            return ExitCodes.OK;
        }
    }
}

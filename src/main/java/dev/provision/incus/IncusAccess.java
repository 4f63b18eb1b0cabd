package dev.provision.incus;

import dev.provision.connect.ContainerAccess;
import dev.provision.plan.Step;
import dev.provision.transport.PortForward;
import dev.provision.transport.Transport;
import java.time.Duration;
import java.util.List;

/**
 * The exec, upload and forward half of the Incus backend: commands through the REST API's exec,
 * files through exec with their content as standard input (written by {@code cat} under umask 077 and
 * renamed into place), and TCP through exec websocket streams. No SSH runs on the members and nothing
 * listens on them for provision.
 */
public final class IncusAccess implements ContainerAccess {
    private static final String STAGE = "umask 077; cat > \"$1.provision-tmp\" && mv -f \"$1.provision-tmp\" \"$1\"";
    private static final Duration SHORT = Duration.ofSeconds(120);

    @Override
    public Step.Run exec(String host, String container, Duration timeout, String label, List<String> argv) {
        return new Step.Run(host, execArgv(container, argv), null, timeout, "incus exec " + container + " -- " + label, false);
    }

    @Override
    public List<String> execArgv(String container, List<String> argv) {
        return IncusHostTransport.execArgv(container, argv);
    }

    @Override
    public Step.Run upload(String host, String container, String path, String content, String label) {
        return exec(host, container, SHORT, "stage " + path, List.of("sh", "-c", STAGE, "provision-stage", path))
                .withStdin(content).labelled(label);
    }

    /**
     * Forwards through the Incus host's connection ({@link IncusHostTransport}, which takes an instance
     * name where other transports take an address) into {@code container}; {@code address} is not needed.
     */
    @Override
    public PortForward forward(Transport transport, String container, String address, int port) {
        return transport.forward(container, port);
    }
}

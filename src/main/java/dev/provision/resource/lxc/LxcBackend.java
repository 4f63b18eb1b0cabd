package dev.provision.resource.lxc;

import dev.provision.backend.BaseContribution;
import dev.provision.backend.ContainerBackend;
import dev.provision.connect.Connections;
import dev.provision.inventory.Host;
import dev.provision.inventory.Inventory;
import dev.provision.plan.Mode;
import dev.provision.plan.PlannedChange;
import dev.provision.plan.Step;
import dev.provision.plan.Targets;
import dev.provision.plan.UnmanagedResource;
import dev.provision.probe.Probe;
import dev.provision.transport.PortForward;
import dev.provision.transport.Transport;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * Classic LXC on a host reached over SSH (or this machine): containers made with lxc-create and
 * lxc-copy from prepared bases ({@link LxcDriver}), commands run in them with {@code lxc-attach}, files
 * written through {@code lxc-attach} and {@code cat}, and TCP reached through the host's connection to
 * the container's address on its bridge.
 */
public final class LxcBackend implements ContainerBackend {
    private static final String STAGE = "umask 077; cat > \"$1\"";
    private static final Duration SHORT = Duration.ofSeconds(120);

    private final LxcDriver driver;

    /** @param base what the resource kinds need in a base (the server kind's packages), installed in this order */
    public LxcBackend(List<BaseContribution> base) {
        this.driver = new LxcDriver(base);
    }

    @Override
    public boolean serves(Host host) {
        return true; // every host declared today is a classic LXC host
    }

    @Override
    public List<Probe> probes(Inventory inventory, Targets targets, Mode mode) {
        return driver.probes(inventory, targets, mode);
    }

    @Override
    public List<PlannedChange> plan(Inventory inventory, Connections connections, Targets targets, Mode mode,
            List<PlannedChange> earlier) {
        return driver.plan(inventory, connections, targets, mode, earlier);
    }

    @Override
    public List<PlannedChange> plan(Inventory inventory, Connections connections, Targets targets, Mode mode,
            List<PlannedChange> earlier, Consumer<UnmanagedResource> unmanaged) {
        return driver.plan(inventory, connections, targets, mode, earlier, unmanaged);
    }

    @Override
    public Step.Run exec(String host, String container, Duration timeout, String label, List<String> argv) {
        return new Step.Run(host, execArgv(container, argv), null, timeout, "lxc-attach -n " + container + " -- " + label, false);
    }

    @Override
    public List<String> execArgv(String container, List<String> argv) {
        List<String> full = new ArrayList<>(List.of("lxc-attach", "-n", container, "--"));
        full.addAll(argv);
        return full;
    }

    @Override
    public Step.Run upload(String host, String container, String path, String content, String label) {
        return exec(host, container, SHORT, "stage " + path, List.of("sh", "-c", STAGE, "provision-stage", path))
                .withStdin(content).labelled(label);
    }

    @Override
    public PortForward forward(Transport transport, String container, String address, int port) {
        return transport.forward(address, port);
    }
}

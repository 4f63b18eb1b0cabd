package dev.provision.cli;

import dev.provision.engine.Engine;
import dev.provision.resource.lxc.LxcDriver;
import dev.provision.engine.TransportFactory;
import java.io.PrintWriter;
import java.util.List;

/** Assembles the engine from its drivers and transports; the one place that knows every implementation. */
final class Wiring {
    private Wiring() {}

    static Engine engine() {
        return new Engine(List.of(new LxcDriver()));
    }

    static TransportFactory transports(PrintWriter verboseLog) {
        return (host, hosts) -> {
            throw new OperationFailed("host " + host.name() + ": transports are not wired yet");
        };
    }
}

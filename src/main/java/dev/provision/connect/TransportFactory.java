package dev.provision.connect;

import dev.provision.inventory.Host;
import dev.provision.transport.Transport;
import java.util.function.Function;

/** Opens a transport to a declared host; {@code hosts} resolves a jump host's own transport. */
public interface TransportFactory {
    Transport open(Host host, Function<String, Transport> hosts);
}

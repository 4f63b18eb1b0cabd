package dev.provision.e2e;

import dev.provision.testbed.LxcHost;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Writes inventories whose one host, {@code bed}, is a disposable LXC host reached over real SSH. */
final class TestBedInventory {
    private TestBedInventory() {}

    /** The {@code hosts:} block for the test bed, with its key and verified host key. */
    static String hosts(LxcHost host) {
        return "hosts:\n"
                + "  bed:\n"
                + "    address: " + host.getHost() + "\n"
                + "    port: " + host.getMappedPort(LxcHost.SSH_PORT) + "\n"
                + "    user: root\n"
                + "    identity: " + host.identity() + "\n"
                + "    known_hosts: " + host.knownHosts() + "\n";
    }

    /** Writes {@code hosts(host) + containers} to {@code inventory.yaml} in {@code dir}. */
    static Path write(Path dir, LxcHost host, String containers) {
        try {
            Path file = dir.resolve("inventory.yaml");
            Files.writeString(file, hosts(host) + containers);
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

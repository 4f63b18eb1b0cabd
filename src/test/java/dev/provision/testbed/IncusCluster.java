package dev.provision.testbed;

import java.util.ArrayList;
import java.util.List;
import org.testcontainers.containers.Network;

/**
 * A disposable 3-member Incus cluster: three {@link IncusHost} containers on one Docker network of their
 * own, the first bootstrapping the cluster and the others joining it with tokens from
 * {@code incus cluster add}. Each member has a btrfs pool on a loop file and {@code incusbr0} on the
 * same explicit subnet (a separate bridge per member); the Debian image is imported once, on the first.
 */
public final class IncusCluster implements AutoCloseable {
    public static final List<String> MEMBER_NAMES = List.of("m1", "m2", "m3");

    private final Network network = Network.newNetwork();
    private final List<IncusHost> members = new ArrayList<>();

    /** Starts the three members and forms the cluster (about 10 s on the project machine). */
    public IncusCluster start() {
        try {
            for (String name : MEMBER_NAMES) {
                IncusHost member = new IncusHost("btrfs")
                        .withNetwork(network)
                        .withNetworkAliases(IncusHost.CLUSTER_MEMBER_MARK, name)
                        .withCreateContainerCmdModifier(cmd -> cmd.withHostName(name));
                members.add(member);
            }
            members.parallelStream().forEach(IncusHost::start);
            IncusHost first = members.get(0);
            first.initialise(bootstrapPreseed(address(first)));
            for (int i = 1; i < members.size(); i++) {
                IncusHost member = members.get(i);
                String token = first.exec("incus", "cluster", "add", MEMBER_NAMES.get(i), "--quiet").strip();
                member.initialise(joinPreseed(MEMBER_NAMES.get(i), address(member), token));
            }
            first.importDebianImage();
            return this;
        } catch (RuntimeException e) {
            close();
            throw e;
        }
    }

    private String address(IncusHost member) {
        return member.getContainerInfo().getNetworkSettings().getNetworks().values().iterator().next().getIpAddress();
    }

    private static String bootstrapPreseed(String address) {
        return """
                config:
                  core.https_address: "%1$s:%2$d"
                cluster:
                  server_name: m1
                  enabled: true
                networks:
                - name: incusbr0
                  type: bridge
                  config:
                    ipv4.address: %3$s
                    ipv4.nat: "true"
                    ipv6.address: none
                storage_pools:
                - name: default
                  driver: btrfs
                profiles:
                - name: default
                  devices:
                    root: {path: /, pool: default, type: disk}
                    eth0: {name: eth0, network: incusbr0, type: nic}
                """.formatted(address, IncusHost.API_PORT, IncusHost.BRIDGE_ADDRESS);
    }

    private static String joinPreseed(String name, String address, String token) {
        return """
                cluster:
                  enabled: true
                  server_name: %1$s
                  server_address: "%2$s:%3$d"
                  cluster_token: "%4$s"
                """.formatted(name, address, IncusHost.API_PORT, token);
    }

    /** The member named {@code name} ({@code m1}, {@code m2} or {@code m3}). */
    public IncusHost member(String name) {
        return members.get(MEMBER_NAMES.indexOf(name));
    }

    /** The first member, where the cluster was bootstrapped. */
    public IncusHost leader() {
        return members.get(0);
    }

    @Override
    public void close() {
        for (IncusHost member : members) {
            member.stop();
        }
        network.close();
    }
}

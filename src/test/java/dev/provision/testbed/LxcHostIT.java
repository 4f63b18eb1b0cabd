package dev.provision.testbed;

import dev.provision.transport.CommandResult;
import dev.provision.transport.ssh.SshTransport;
import org.junit.jupiter.api.Test;
import org.testcontainers.junit.jupiter.Container;
import org.testcontainers.junit.jupiter.Testcontainers;

import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The test bed itself: a disposable host can create, start and reach a nested LXC container. */
@Testcontainers
class LxcHostIT {

    private static final Duration TIMEOUT = Duration.ofMinutes(3);

    @Container
    static final LxcHost HOST = new LxcHost();

    @Test
    void createsAndStartsANestedContainerFromTheBakedCache() {
        try (SshTransport ssh = HOST.connect()) {
            CommandResult create = ssh.run(List.of("lxc-create", "-n", "probe", "-t", "debian", "--", "-r", "bookworm"), null, TIMEOUT);
            assertThat(create.exitStatus()).as("lxc-create from the cached rootfs: %s", create.stderr()).isZero();

            CommandResult start = ssh.run(List.of("lxc-start", "-n", "probe"), null, TIMEOUT);
            assertThat(start.exitStatus()).as("lxc-start: %s", start.stderr()).isZero();

            CommandResult address = ssh.run(List.of("sh", "-c",
                    "for i in $(seq 1 60); do a=$(lxc-info -n probe -iH); [ -n \"$a\" ] && echo \"$a\" && exit 0; sleep 1; done; exit 1"),
                    null, TIMEOUT);
            assertThat(address.stdout().strip()).as("the container gets a DHCP address on lxcbr0").startsWith("10.0.3.");

            CommandResult attach = ssh.run(List.of("lxc-attach", "-n", "probe", "--", "cat", "/etc/debian_version"), null, TIMEOUT);
            assertThat(attach.stdout()).as("commands run inside the container").startsWith("12.");
        }
    }
}

package dev.provision.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.provision.testbed.LxcHost;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.testcontainers.junit.jupiter.Container;
import org.testcontainers.junit.jupiter.Testcontainers;

/**
 * Faults of the host and of the container while PostgreSQL is being installed: the failing apply
 * ends within a bounded time with exit 1 and says what failed, where and what to do; once the cause
 * is gone, the next apply converges and the plan after it is empty.
 */
@Testcontainers
class HostFaultsIT {

    @Container
    static final LxcHost HOST = new LxcHost();

    @TempDir
    Path dir;

    /** Longest a run may take to notice that its host went silent (keepalive: 3 unanswered requests, 15 s apart). */
    private static final Duration NOTICED_WITHIN = Duration.ofSeconds(120);

    private static String server(String name) {
        return """
                containers:
                  %s:
                    host: bed
                    image: { template: debian, release: bookworm }
                    resources: { memory: 512MiB }
                    postgres:
                      version: 15
                      listen_addresses: ["*"]
                """.formatted(name);
    }

    /**
     * Each test installs PostgreSQL for real: the first container with PostgreSQL on a host builds the
     * base its clones come from (installing the packages there), so no base may be left by another test.
     */
    @BeforeEach
    void noBase() {
        HOST.exec("sh", "-c", "for b in $(lxc-ls -1 | grep '^provision-base-'); do lxc-destroy -f -n \"$b\"; done;"
                + " rm -f /var/lib/provision/lxc/provision-base-*");
    }

    @Test
    void aHostThatVanishesFromTheNetworkMidInstallFailsInBoundedTimeAndTheNextApplyConverges() throws Exception {
        Path inventory = TestBedInventory.write(dir, HOST, server("vanish"));
        Path log = dir.resolve("vanished.log");
        Process apply = startApply(inventory, log);
        try {
            waitUntilAptInstallRuns(apply, log);

            // The host drops every SSH packet, as when it loses power or the network between us breaks:
            // no FIN, no RST, the client only ever hears silence. Its commands carry on for now.
            HOST.exec("iptables", "-I", "INPUT", "-p", "tcp", "--dport", "22", "-j", "DROP");
            Instant silent = Instant.now();
            // ...then the package run dies half-way, as it does when the host crashes: dpkg is left interrupted.
            killDpkgOnceItUnpacks(apply, log);
            boolean ended;
            try {
                ended = apply.waitFor(NOTICED_WITHIN.toSeconds(), TimeUnit.SECONDS);
            } finally {
                HOST.exec("iptables", "-D", "INPUT", "-p", "tcp", "--dport", "22", "-j", "DROP");
            }
            String output = Files.readString(log);
            System.out.println("HostFaultsIT: the run that lost its host said:\n" + output);
            assertThat(ended).as("apply notices a silent host within %s instead of waiting for the step's 20-minute"
                    + " timeout:\n%s", NOTICED_WITHIN, output).isTrue();
            System.out.printf("HostFaultsIT: the silent host was noticed after %d s%n",
                    Duration.between(silent, Instant.now()).toSeconds());
            assertThat(apply.exitValue()).as(output).isEqualTo(1);
            assertThat(output).as("says which change, on which host, what happened and what to do")
                    .contains("containers.vanish: lost host bed during `lxc-attach -n provision-base-debian-bookworm-pg15 -- install postgresql-15")
                    .contains("the SSH connection is lost")
                    .contains("When host bed is reachable again, run apply again")
                    .contains("locks could not all be released")
                    .contains("provision force-unlock -i " + inventory + " containers.vanish",
                            "provision force-unlock -i " + inventory + " hosts.bed")
                    .doesNotContain("\tat ");
        } finally {
            apply.destroyForcibly();
        }
        assertThat(HOST.execResult("cat", "/var/lib/provision/locks/container.vanish/owner", "/var/lib/provision/locks/host/owner"))
                .as("the unreachable host kept the failed run's locks: its container's, and the host's (it was preparing a base)")
                .contains("provision pid " + apply.pid());

        Cli cli = new Cli(inventory);
        Cli.Run pending = cli.run("plan");
        assertThat(pending.out()).as("the interrupted install is recognised:\n%s", pending)
                .contains("+ containers.vanish.postgres");
        assertThat(pending.err()).as("plan reports the stale lock without taking it:\n%s", pending)
                .contains("container vanish on host bed is locked by a run that no longer exists (provision pid " + apply.pid(),
                        "provision force-unlock -i " + inventory + " containers.vanish");
        Cli.Run again = cli.run("apply", "--auto-approve");

        assertThat(again.exitCode()).as("%s", again).isZero();
        assertThat(again.err()).as("the failed run's lock was released, and said so")
                .contains("left by a run that was killed or lost its connection (provision pid " + apply.pid());
        assertThat(psql("vanish", "select 1")).isEqualTo("1");
        cli.assertConverged();
    }

    @Test
    void anUnreachablePackageSourceFailsTheInstallClearlyAndTheNextApplyConverges() {
        Cli cli = new Cli(TestBedInventory.write(dir, HOST, server("offline")));
        // The containers' package source refuses every connection, as when a mirror or a proxy is down.
        List<String> refuse = List.of("FORWARD", "-i", "lxcbr0", "-p", "tcp", "-j", "REJECT", "--reject-with", "tcp-reset");
        iptables("-I", refuse);
        Cli.Run failed;
        Cli.Run pending;
        try {
            failed = cli.run("apply", "--auto-approve");
            pending = cli.run("plan", "--detailed-exitcode");
        } finally {
            iptables("-D", refuse);
        }

        System.out.println("HostFaultsIT: the failed install said:\n" + failed.err());
        assertThat(failed.exitCode()).as("%s", failed).isEqualTo(1);
        assertThat(failed.err()).as("says which change, in which container on which host, apt's own words and what to do")
                .contains("containers.offline: `lxc-attach -n provision-base-debian-bookworm-pg15 -- install postgresql-15")
                .contains("failed on host bed with exit status 1")
                .contains("Failed to fetch")
                .contains("apt-get update failed in container provision-base-debian-bookworm-pg15")
                .contains("check that it reaches its package sources (on its LXC host: lxc-attach -n provision-base-debian-bookworm-pg15 -- apt-get update)")
                .contains("run apply again")
                .doesNotContain("\tat ");
        assertThat(HOST.execResult("ls", "/var/lib/provision")).as("the failed run released its lock").doesNotContain("lock");
        assertThat(pending.exitCode()).as("the state left behind plans cleanly, with the install still to do:\n%s", pending)
                .isEqualTo(2);
        assertThat(pending.out()).contains("containers.offline.postgres");

        Cli.Run again = cli.run("apply", "--auto-approve");

        assertThat(again.exitCode()).as("%s", again).isZero();
        assertThat(psql("offline", "select 1")).isEqualTo("1");
        cli.assertConverged();
    }

    private static Process startApply(Path inventory, Path log) throws Exception {
        Path jar = Path.of("target/provision-cli.jar");
        assertThat(jar).as("the runnable jar is built before the integration tests").exists();
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString().replace('/', File.separatorChar);
        return new ProcessBuilder(List.of(java, "-jar", jar.toString(), "apply", "-i", inventory.toString(),
                "--auto-approve", "--no-color"))
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
    }

    /** Waits until apt-get is installing packages in the container: the middle of the PostgreSQL install. */
    private static void waitUntilAptInstallRuns(Process apply, Path log) throws Exception {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(240));
        while (HOST.execResult("pgrep", "-f", "^apt-get install").isEmpty()) {
            assertThat(apply.isAlive()).as("apply still runs:\n%s", Files.readString(log)).isTrue();
            assertThat(Instant.now()).as("apt-get install started:\n%s", Files.readString(log)).isBefore(deadline);
            Thread.sleep(200);
        }
    }

    /** Waits until dpkg unpacks the packages apt-get downloaded, then kills dpkg and apt-get with SIGKILL. */
    private static void killDpkgOnceItUnpacks(Process apply, Path log) throws Exception {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(180));
        while (HOST.execResult("pgrep", "-f", "^/usr/bin/dpkg .*--unpack").isEmpty()) {
            assertThat(HOST.execResult("pgrep", "-f", "^apt-get install")).as("apt-get is still installing:\n%s",
                    Files.readString(log)).isNotEmpty();
            assertThat(Instant.now()).as("dpkg started unpacking").isBefore(deadline);
            Thread.sleep(100);
        }
        HOST.execResult("pkill", "-9", "-f", "^/usr/bin/dpkg ");
        HOST.execResult("pkill", "-9", "-f", "^apt-get install");
    }

    private static void iptables(String action, List<String> rule) {
        String[] command = new String[rule.size() + 2];
        command[0] = "iptables";
        command[1] = action;
        for (int i = 0; i < rule.size(); i++) {
            command[i + 2] = rule.get(i);
        }
        HOST.exec(command);
    }

    private static String psql(String container, String sql) {
        return HOST.exec("lxc-attach", "-n", container, "--", "runuser", "-u", "postgres", "--", "psql", "-XAtc", sql).strip();
    }
}

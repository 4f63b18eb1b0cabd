package dev.provision.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code --target} must name an address of the inventory, or a resource the plan removes; anything
 * else exits 3 with the nearest addresses. The host here is a closed port on loopback: had anything
 * contacted it, the command would have failed with exit 1 and a connection error instead.
 */
class TargetsTest {
    private static final String INVENTORY = """
            hosts:
              bed:
                address: 127.0.0.1
                port: 9
                user: root
                accept_new_host_key: true
            containers:
              event-store:
                host: bed
                image: { template: debian, release: bookworm }
                network: { ipv4: 10.0.3.50/24, gateway: 10.0.3.1 }
                postgres:
                  roles:
                    app: { login: false }
                  databases:
                    app: { owner: app }
            """;

    @TempDir
    Path dir;

    Path inventory;

    @BeforeEach
    void writeInventory() throws IOException {
        inventory = Files.writeString(dir.resolve("inventory.yaml"), INVENTORY);
    }

    @Test
    void anAddressNoResourceCanHaveIsRefusedBeforeAnythingIsContacted() {
        CliOutputTest.Run plan = CliOutputTest.run("plan", "-i", inventory.toString(), "--no-color", "--target", "bogus");

        assertThat(plan.exitCode()).as("a target that cannot exist is a usage error").isEqualTo(ExitCodes.INVALID);
        assertThat(plan.err()).as("says why and what to do, without touching the host").contains("--target bogus:",
                "no resource can have this address", "provision addresses", "nothing was contacted")
                .doesNotContain("127.0.0.1", "Connection refused");
    }

    @Test
    void withJsonARefusedTargetStillPrintsOneValidDocument() {
        CliOutputTest.Run plan = CliOutputTest.run("plan", "-i", inventory.toString(), "--json", "--target", "bogus");

        assertThat(plan.exitCode()).isEqualTo(ExitCodes.INVALID);
        assertThat(dev.provision.json.PlanSchema.problems(plan.out())).as("stdout is one schema-valid document:\n%s", plan.out())
                .isEmpty();
        assertThat(dev.provision.json.PlanSchema.parse(plan.out()).at("/error/exit_code").asInt()).isEqualTo(3);
    }

    @Test
    void aMisspeltContainerExitsThreeAndNamesTheNearestAddress() {
        CliOutputTest.Run plan = CliOutputTest.run("plan", "-i", inventory.toString(), "--no-color",
                "--target", "containers.event-stor");

        assertThat(plan.exitCode()).as("a CI job with a misspelt target must not pass doing nothing")
                .isEqualTo(ExitCodes.INVALID);
        assertThat(plan.err()).as("names the nearest address").contains("did you mean \"containers.event-store\"?",
                "not in the inventory").doesNotContain("No changes", "Connection refused");
    }

    @Test
    void aMisspeltGroupDeepInAServerNamesTheRole() {
        CliOutputTest.Run apply = CliOutputTest.run("apply", "-i", inventory.toString(), "--no-color", "--auto-approve",
                "--target", "containers.event-store.postgres.rolez.app");

        assertThat(apply.exitCode()).isEqualTo(ExitCodes.INVALID);
        assertThat(apply.err()).contains("\"containers.event-store.postgres.roles.app\"").doesNotContain("Connection refused");
    }

    @Test
    void aDestroyTargetIsCheckedToo() {
        CliOutputTest.Run destroy = CliOutputTest.run("destroy", "-i", inventory.toString(), "--no-color", "--auto-approve",
                "--target", "containers.eventstore");

        assertThat(destroy.exitCode()).isEqualTo(ExitCodes.INVALID);
        assertThat(destroy.err()).contains("did you mean \"containers.event-store\"?");
    }

    @Test
    void anExistingAddressIsAcceptedAndReadsTheHost() {
        CliOutputTest.Run plan = CliOutputTest.run("plan", "-i", inventory.toString(), "--no-color",
                "--target", "containers.event-store.postgres.roles");

        assertThat(plan.exitCode()).as("a group of addresses is a valid target, so the host is read (and is down here)")
                .isEqualTo(ExitCodes.FAILURE);
        assertThat(plan.err()).doesNotContain("--target");
    }

    @Test
    void addressesListsEveryAddressOffline() {
        CliOutputTest.Run addresses = CliOutputTest.run("addresses", "-i", inventory.toString());

        assertThat(addresses.exitCode()).isEqualTo(ExitCodes.OK);
        assertThat(addresses.out().lines().toList()).as("one address a line, each a valid --target")
                .contains("hosts.bed", "containers.event-store", "containers.event-store.postgres",
                        "containers.event-store.postgres.roles.app", "containers.event-store.postgres.databases.app",
                        "containers.event-store.postgres.databases.app.grants.app")
                .doesNotHaveDuplicates();
    }
}

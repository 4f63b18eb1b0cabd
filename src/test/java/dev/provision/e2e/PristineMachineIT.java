package dev.provision.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.provision.testbed.PristineMachine;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.testcontainers.junit.jupiter.Container;
import org.testcontainers.junit.jupiter.Testcontainers;

/**
 * The README's quickstart on a pristine Debian 12 machine, verbatim: from a copy of the project, as
 * root, its first command installs Java and Maven, builds the tool, prepares the host (LXC, its bridge,
 * the debian template and what it needs) and provisions the root inventory's event store; the next
 * plan is empty, and the application role can write an event with the password provision generated.
 */
@Testcontainers
class PristineMachineIT {
    private static final String SECRET = "/root/.config/provision/secrets/stock_analysis_user";

    @Container
    static final PristineMachine MACHINE = new PristineMachine();

    /** The first line of the README's first shell block: the command a new user runs first. */
    private static String readmeFirstCommand() throws IOException {
        String readme = Files.readString(Path.of("README.md"));
        String block = readme.substring(readme.indexOf("```sh\n") + "```sh\n".length());
        return block.substring(0, block.indexOf('\n'));
    }

    @Test
    void theReadmesFirstCommandConvergesAPristineDebian12AndTheApplicationCanWriteEvents() throws IOException {
        String command = readmeFirstCommand();
        assertThat(command).as("the README's first command is the apply this test is about").startsWith("bin/provision apply --auto-approve");
        MACHINE.ready(Path.of("").toAbsolutePath());
        assertThat(MACHINE.shell("/", "command -v java mvn lxc-create debootstrap; dpkg-query -W lxc-templates distro-info 2>/dev/null").output())
                .as("the machine is pristine: nothing provision installs is there").isBlank();

        PristineMachine.Run apply;
        try {
            apply = MACHINE.shell(PristineMachine.PROJECT, command);
        } finally {
            MACHINE.keepDownloads();
        }
        assertThat(apply.exitCode()).as("the README's first command on a pristine machine exits 0; its output ends:\n%s",
                apply.tail(60)).isZero();

        PristineMachine.Run plan = MACHINE.shell(PristineMachine.PROJECT, "bin/provision plan --detailed-exitcode");
        assertThat(plan.exitCode()).as("the next plan is empty (exit 0 with --detailed-exitcode):\n%s", plan.tail(60)).isZero();

        assertThat(MACHINE.exec("dpkg-query", "-W", "-f", "${Package} ${db:Status-Status}\n", "lxc", "lxc-templates", "debootstrap", "distro-info"))
                .as("host preparation installed LXC, the debian template and what it needs")
                .contains("lxc installed", "lxc-templates installed", "debootstrap installed", "distro-info installed");
        assertThat(MACHINE.exec("cat", "/var/lib/lxc/event-store/rootfs/etc/apt/sources.list"))
                .as("the container's security source is bookworm's, bookworm-security (bookworm/updates does not exist)")
                .contains(" bookworm-security ").doesNotContain("/updates");
        assertThat(MACHINE.exec("stat", "-c", "%a %U", SECRET).strip())
                .as("the generated password is in a root-only file").isEqualTo("600 root");

        String sql = "INSERT INTO event_store.events (event_type, aggregate_type, aggregate_id, event_version, event_data) VALUES"
                + " ('PositionOpened', 'Position', '22222222-2222-2222-2222-222222222222', 1,"
                + " '{\"symbol\":\"ACME\",\"quantity\":10,\"average_price\":5}') RETURNING event_version";
        // The password goes through standard input, never into an argument list.
        String asApplication = "address=$(lxc-info -n event-store -iH | head -n1)"
                + " && lxc-attach -n event-store -- sh -c 'IFS= read -r PGPASSWORD; export PGPASSWORD;"
                + " exec psql -h \"$1\" -U stock_analysis_user -d stock_analysis_event_store -XAtq -v ON_ERROR_STOP=1 -c \"$2\"'"
                + " as-application \"$address\" \"$1\" < " + SECRET;
        PristineMachine.Run insert = MACHINE.shell("/", asApplication, sql);
        assertThat(insert.exitCode()).as("the application role inserts an event over TCP with the generated password:\n%s",
                insert.output()).isZero();
        assertThat(insert.output().strip()).as("the inserted event's version comes back").isEqualTo("1");
        PristineMachine.Run count = MACHINE.shell("/", asApplication, "SELECT count(*) FROM event_store.events");
        assertThat(count.output().strip()).as("the event is stored:\n%s", count.output()).isEqualTo("1");
    }
}

package dev.provision.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.provision.testbed.LxcHost;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.testcontainers.junit.jupiter.Container;
import org.testcontainers.junit.jupiter.Testcontainers;

/**
 * The root inventory's event store, provisioned from nothing on a real LXC host over SSH, then used
 * the way the application uses it: as its own role, over the network, with the password provision
 * generated.
 */
@Testcontainers
class EventStoreIT {

    @Container
    static final LxcHost HOST = new LxcHost();

    @TempDir
    Path dir;

    /** The root inventory with its host replaced by the test bed and its secret kept in the test's directory. */
    private Path inventory() throws IOException {
        String root = Files.readString(Path.of("inventory.yaml"));
        String containers = root.substring(root.indexOf("containers:"))
                .replace("host: local", "host: bed")
                .replace("/root/.config/provision/secrets/stock_analysis_user", dir.resolve("secrets/app").toString());
        Files.createDirectories(dir.resolve("schema"));
        for (String sql : new String[] {"schema/event_store.sql", "schema/projections.sql"}) {
            Files.copy(Path.of(sql), dir.resolve(sql));
        }
        return TestBedInventory.write(dir, HOST, containers);
    }

    /** Runs SQL as the application role, over TCP from inside the container, with the generated password. */
    private String asApplication(String sql) throws IOException {
        String password = Files.readString(dir.resolve("secrets/app")).strip();
        String address = HOST.exec("lxc-info", "-n", "event-store", "-iH").lines().findFirst().orElseThrow().strip();
        return HOST.execResult("lxc-attach", "-n", "event-store", "--", "env", "PGPASSWORD=" + password,
                "psql", "-h", address, "-U", "stock_analysis_user", "-d", "stock_analysis_event_store",
                "-XAtq", "-v", "ON_ERROR_STOP=1", "-c", sql);
    }

    @Test
    void theEventStoreIsProvisionedFromNothingAndWorksForTheApplication() throws IOException {
        Cli cli = new Cli(inventory());

        Cli.Run apply = cli.run("apply", "--auto-approve");
        assertThat(apply.exitCode()).as("%s", apply).isZero();
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dir.resolve("secrets/app"))))
                .as("the generated secret is readable by its owner only").isEqualTo("rw-------");

        String position = "11111111-1111-1111-1111-111111111111";
        asApplication("INSERT INTO event_store.events (event_type, aggregate_type, aggregate_id, event_version, event_data) VALUES"
                + " ('PositionOpened', 'Position', '" + position + "', 1, '{\"symbol\":\"ACME\",\"quantity\":10,\"average_price\":5}'),"
                + " ('PositionUpdated', 'Position', '" + position + "', 2, '{\"symbol\":\"ACME\",\"quantity\":25,\"average_price\":6}')");
        asApplication("SELECT projections.refresh_portfolio_positions()");
        assertThat(asApplication("SELECT symbol || ' ' || quantity || ' ' || version FROM projections.portfolio_positions"))
                .as("the latest state of the position, one row").isEqualTo("ACME 25 2");

        assertThat(asApplication("UPDATE event_store.events SET event_data = '{}'"))
                .as("events are immutable").contains("ERROR");
        assertThat(asApplication("DELETE FROM event_store.events")).as("events are immutable").contains("ERROR");
        assertThat(asApplication("SELECT count(*) FROM event_store.events")).isEqualTo("2");

        Cli.Run plan = cli.assertConverged("-v");
        assertThat(plan.out()).contains("No changes.");
        assertThat(plan.err()).as("-v shows the plan's remote commands").contains("provision-probes");
        assertThat(plan.err()).as("a plan with nothing to change reads the server in its probe's psql session:"
                + " it opens no admin tunnel").doesNotContain("] forward ");
    }
}

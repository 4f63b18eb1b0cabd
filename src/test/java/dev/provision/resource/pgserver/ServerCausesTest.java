package dev.provision.resource.pgserver;

import static org.assertj.core.api.Assertions.assertThat;

import dev.provision.testing.TestInventory;
import dev.provision.inventory.Container;
import dev.provision.plan.Cause;
import dev.provision.plan.PlannedChange;
import dev.provision.resource.lxc.LxcBackend;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The server's configuration follows {@link dev.provision.plan.CauseRule} like every other resource:
 * each file's stamp records what provision last wrote, so an edit of the inventory, an edit by hand and
 * both together are told apart. Pure: the files are given as a read would find them.
 */
class ServerCausesTest {
    private static final String HBA = "local all postgres peer\n";

    @TempDir
    Path dir;

    private Container container() {
        return TestInventory.load(dir, """
                hosts:
                  local: { transport: local }
                containers:
                  db:
                    host: local
                    image: { template: debian, release: bookworm }
                    resources: { memory: 1GiB, cpus: 1 }
                    network: { bridge: lxcbr0, ipv4: dhcp }
                    postgres:
                      version: 15
                """).containers().get("db");
    }

    private static ServerState reading(String conf, String hba) {
        return new ServerState("10.0.3.1", true, true, List.of(15), false, List.of(15), Set.of(), "online", "100",
                Map.of("postgresql.conf", conf, "pg_hba.conf", hba), Map.of("work_mem", "user"), Set.of());
    }

    private Cause causeOf(ServerState actual, String desiredConf) throws Exception {
        List<PlannedChange> changes = new ServerPlanner().plan(container(), actual,
                new ServerFiles.Desired(Stamp.apply(desiredConf), Stamp.apply(HBA)), new LxcBackend(List.of()));
        assertThat(changes).as("one configuration change").singleElement()
                .satisfies(c -> assertThat(c.address().path()).isEqualTo("containers.db.postgres.config"));
        return changes.get(0).cause();
    }

    @Test
    void anInventoryEditOfAFileProvisionWroteIsAnInventoryChange() throws Exception {
        ServerState actual = reading(Stamp.apply("work_mem = '16MB'\n"), Stamp.apply(HBA));

        assertThat(causeOf(actual, "work_mem = '48MB'\n")).as("the file is as provision wrote it; the inventory moved")
                .isEqualTo(Cause.INVENTORY);
    }

    @Test
    void aHandEditUnderAnUnchangedInventoryIsDrift() throws Exception {
        ServerState actual = reading(Stamp.apply("work_mem = '16MB'\n") + "work_mem = '1MB'\n", Stamp.apply(HBA));

        assertThat(causeOf(actual, "work_mem = '16MB'\n")).as("provision would write what it wrote last; the file was edited")
                .isEqualTo(Cause.DRIFT);
    }

    @Test
    void anInventoryEditOfAFileEditedByHandIsBoth() throws Exception {
        ServerState actual = reading(Stamp.apply("work_mem = '16MB'\n") + "work_mem = '1MB'\n", Stamp.apply(HBA));

        assertThat(causeOf(actual, "work_mem = '48MB'\n")).as("the inventory moved, and the file moved from what was written")
                .isEqualTo(Cause.BOTH);
    }

    @Test
    void aFileProvisionNeverWroteIsDrift() throws Exception {
        ServerState actual = reading("work_mem = '4MB'\n", Stamp.apply(HBA));

        assertThat(causeOf(actual, "work_mem = '48MB'\n")).as("no stamp: nothing says what the inventory was")
                .isEqualTo(Cause.DRIFT);
    }

    @Test
    void anEditedHbaBesideAnInventoryEditOfTheConfIsBoth() throws Exception {
        ServerState actual = reading(Stamp.apply("work_mem = '16MB'\n"), Stamp.apply(HBA) + "host all all 0.0.0.0/0 trust\n");

        assertThat(causeOf(actual, "work_mem = '48MB'\n")).as("the conf file's change is the inventory's, the hba file's is drift")
                .isEqualTo(Cause.BOTH);
    }
}

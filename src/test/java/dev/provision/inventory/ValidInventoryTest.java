package dev.provision.inventory;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** The corrected event store loads without a single diagnostic, into the model the planner needs. */
class ValidInventoryTest {
    private static final Path FILE = Path.of("src", "test", "resources", "valid", "event-store.yaml");

    @Test
    void loadsTheEventStoreWithoutDiagnostics() {
        Loaded loaded = new InventoryLoader().load(FILE);

        assertThat(loaded.diagnostics().sorted()).isEmpty();
        assertThat(loaded.isValid()).isTrue();
        Inventory inventory = loaded.inventory();
        assertThat(inventory.baseDir()).isEqualTo(FILE.toAbsolutePath().getParent());
        assertThat(inventory.hosts()).containsOnlyKeys("local", "remote1", "bastion");
    }

    @Test
    void appliesDefaultsAndParsesHosts() {
        Inventory inventory = new InventoryLoader().load(FILE).inventory();

        Host local = inventory.hosts().get("local");
        assertThat(local.transport()).isEqualTo(Host.TransportKind.LOCAL);
        assertThat(local.prepare()).isTrue();
        Host remote = inventory.hosts().get("remote1");
        assertThat(remote.transport()).isEqualTo(Host.TransportKind.SSH);
        assertThat(remote.port()).isEqualTo(2222);
        assertThat(remote.jump()).isEqualTo("bastion");
        Host bastion = inventory.hosts().get("bastion");
        assertThat(bastion.port()).as("an undeclared port is 0: the SSH config's Port, else 22, is chosen when connecting").isZero();
        assertThat(bastion.user()).as("an undeclared user is null: the SSH config's User, else root, is chosen when connecting").isNull();
        assertThat(bastion.become()).as("become defaults to automatic: sudo for a login that is not root").isEqualTo(Host.Become.AUTO);
        assertThat(bastion.acceptNewHostKey()).isTrue();
        assertThat(remote.at().line()).as("positions are 1-based").isEqualTo(7);
        assertThat(remote.at().column()).isEqualTo(3);
    }

    @Test
    void parsesTheContainerAndItsServer() {
        Container c = new InventoryLoader().load(FILE).inventory().containers().get("event-store");

        assertThat(c.image()).extracting(Image::template, Image::release, Image::distro).containsExactly("debian", "bookworm", null);
        assertThat(c.resources().memoryBytes()).isEqualTo(2L << 30);
        assertThat(c.resources().cpus()).isEqualTo(2);
        assertThat(c.network().ipv4()).isEqualTo("10.0.3.50/24");
        assertThat(c.network().gateway()).isEqualTo("10.0.3.1");
        assertThat(c.isProtected()).isTrue();
        assertThat(c.mounts()).singleElement().extracting(Mount::source, Mount::target, Mount::readOnly)
                .containsExactly("/srv/backups", "/var/backups/pg", false);

        Postgres pg = c.postgres();
        assertThat(pg.version()).isEqualTo(15);
        assertThat(pg.listenAddresses()).containsExactly("*");
        assertThat(pg.settings().keySet()).startsWith("shared_buffers", "effective_cache_size");
        assertThat(pg.settings().get("synchronous_commit").value()).as("values are kept as written").isEqualTo("on");
        assertThat(pg.hba()).hasSize(2);
        assertThat(pg.hba().get(1).address()).isNull();

        Role user = pg.roles().get("stock_analysis_user");
        assertThat(user.login()).isTrue();
        assertThat(user.password().kind()).isEqualTo(SecretRef.Kind.FILE);
        assertThat(user.password().generate()).isTrue();
        assertThat(pg.roles().get("stock_analysis_reader").password())
                .hasToString("env:STOCK_ANALYSIS_READER_PASSWORD");
    }

    @Test
    void parsesTheDatabase() {
        Database db = new InventoryLoader().load(FILE).inventory().containers().get("event-store").postgres()
                .databases().get("stock_analysis_event_store");

        assertThat(db.owner()).isEqualTo("stock_analysis_user");
        assertThat(db.template()).isEqualTo("template0");
        assertThat(db.connectionLimit()).isEqualTo(100);
        assertThat(db.settings().get("random_page_cost").value()).isEqualTo("1.1");
        assertThat(db.schemas().get("projections").owner()).isEqualTo("stock_analysis_user");
        assertThat(db.schemas().get("event_store").owner()).as("null means the database owner").isNull();
        assertThat(db.extensions().get("pgcrypto").version()).isEqualTo("1.3");
        assertThat(db.sql()).extracting(SqlFile::path).containsExactly("schema/event_store.sql");
        assertThat(db.grants()).hasSize(6);
        assertThat(db.grants().get(0).on()).isEqualTo(new GrantTarget(GrantTarget.Kind.TABLES_IN, "event_store"));
        assertThat(db.grants().get(3).privileges()).as("privileges are upper-cased").containsExactly("SELECT");
        assertThat(db.grants().get(5).on().name()).isEqualTo("event_store.append(uuid, jsonb)");
    }
}

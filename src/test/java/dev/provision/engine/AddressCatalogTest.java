package dev.provision.engine;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class AddressCatalogTest {

    @Test
    void anAddressIsPossibleWhenItHasTheShapeOfAResourceOrAGroupOfThem() {
        assertThat(AddressCatalog.possible("containers.old-db")).as("a container no longer declared").isTrue();
        assertThat(AddressCatalog.possible("containers.db.postgres.roles.old_role")).isTrue();
        assertThat(AddressCatalog.possible("containers.db.postgres.roles")).as("a group").isTrue();
        assertThat(AddressCatalog.possible("containers.db.postgres.databases.app.schemas.audit")).isTrue();
        assertThat(AddressCatalog.possible("containers.db.postgres.roles.dotted.name")).as("names may hold dots").isTrue();
        assertThat(AddressCatalog.possible("hosts.bed.bridge.lxcbr0")).isTrue();
        assertThat(AddressCatalog.possible("containers.db.postgres.databases.app.settings.work_mem"))
                .as("a setting no longer declared is reset").isTrue();
    }

    @Test
    void anAddressOfNoResourceIsNotPossible() {
        assertThat(AddressCatalog.possible("bogus")).isFalse();
        assertThat(AddressCatalog.possible("container.db")).as("the group is containers").isFalse();
        assertThat(AddressCatalog.possible("containers.db.postgres.rolez.app")).isFalse();
        assertThat(AddressCatalog.possible("containers.db.postgres.databases.app.objects.x")).isFalse();
        assertThat(AddressCatalog.possible("containers..db")).isFalse();
        assertThat(AddressCatalog.possible("")).isFalse();
    }
}

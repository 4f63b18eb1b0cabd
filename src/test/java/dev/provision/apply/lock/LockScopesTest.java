package dev.provision.apply.lock;

import static org.assertj.core.api.Assertions.assertThat;

import dev.provision.plan.Action;
import dev.provision.plan.Cause;
import dev.provision.plan.Plan;
import dev.provision.plan.PlannedChange;
import dev.provision.plan.ResourceAddress;
import dev.provision.plan.Step;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Which locks a plan takes: its containers' own, and a host's only for host-wide changes. */
class LockScopesTest {
    private static PlannedChange change(String address, Action action, Step... steps) {
        return new PlannedChange(new ResourceAddress(address), action, Cause.INVENTORY, "", List.of(), List.of(), List.of(steps));
    }

    private static Step.Run run(String... argv) {
        return Step.Run.of("bed", Duration.ofSeconds(5), argv);
    }

    @Test
    void containerChangesLockTheirContainerOnly() {
        Plan plan = new Plan(List.of(
                change("containers.one", Action.UPDATE, run("lxc-stop", "-n", "one")),
                change("containers.two.postgres.databases.app", Action.CREATE,
                        new Step.Sql("bed", "two", null, List.of("CREATE DATABASE app"), false))), List.of());

        assertThat(LockScopes.of(plan)).as("two containers changed: their locks, not the host's")
                .containsOnlyKeys("bed")
                .hasEntrySatisfying("bed", scopes -> assertThat(scopes)
                        .containsExactlyInAnyOrder(LockScope.container("bed", "one"), LockScope.container("bed", "two")));
    }

    @Test
    void hostPreparationAndBasePreparationAlsoLockTheHost() {
        PlannedChange bridge = change("hosts.bed.bridge.lxcbr0", Action.CREATE, run("ip", "link", "add", "lxcbr0"));
        PlannedChange clone = change("containers.one", Action.CREATE,
                run("sh", "-c", "true", "provision-prepare-base", "/var/lib/lxc/provision-base-debian-bookworm-pg15/rootfs"),
                run("lxc-copy", "-n", "provision-base-debian-bookworm-pg15", "-N", "one"));

        assertThat(LockScopes.of(bridge)).as("a bridge is host-wide").containsExactly(LockScope.host("bed"));
        assertThat(LockScopes.of(clone)).as("preparing a base is host-wide; the clone is the container's")
                .containsExactlyInAnyOrder(LockScope.container("bed", "one"), LockScope.host("bed"));
    }

    @Test
    void aPartReadLaterLocksNothing() {
        assertThat(LockScopes.of(change("containers.one.postgres", Action.READ))).isEmpty();
    }
}

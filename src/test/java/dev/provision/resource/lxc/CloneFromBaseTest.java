package dev.provision.resource.lxc;

import dev.provision.resource.pgserver.ServerPackages;
import static dev.provision.resource.lxc.Fixtures.AT;
import static dev.provision.resource.lxc.Fixtures.probe;
import static org.assertj.core.api.Assertions.assertThat;

import dev.provision.plan.Mode;
import dev.provision.inventory.Container;
import dev.provision.inventory.Image;
import dev.provision.inventory.Network;
import dev.provision.inventory.Postgres;
import dev.provision.inventory.Resources;
import dev.provision.plan.AttributeChange;
import dev.provision.plan.PlannedChange;
import dev.provision.plan.Step;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Containers with PostgreSQL are cloned from a prepared base; the plan says which and how. */
class CloneFromBaseTest {
    private static final String BASE = "provision-base-debian-bookworm-pg15";
    private final ContainerPlanner planner = new ContainerPlanner(List.of(new ServerPackages()));

    private static Container withPostgres(String name) {
        Postgres postgres = new Postgres(AT, 15, null, List.of("*"), 5432, java.util.Map.of(), List.of(), java.util.Map.of(), java.util.Map.of(), null);
        return new Container(name, AT, "local", new Image(AT, "debian", null, "bookworm", null),
                new Resources(AT, 1024L * 1024 * 1024, 1), new Network(AT, "lxcbr0", "dhcp", null),
                true, false, null, List.of(), postgres);
    }

    private static String source(PlannedChange change) {
        return change.attributes().stream().filter(a -> a.name().equals("source")).map(AttributeChange::after)
                .findFirst().orElseThrow();
    }

    private static List<String> displays(PlannedChange change) {
        return change.steps().stream().map(Step::display).toList();
    }

    private PlannedChange plan(Container c, HostState host, Set<String> claimed) {
        Creation creation = Creation.choose(c, host, claimed);
        return planner.plan(c, host, Mode.APPLY, creation).orElseThrow();
    }

    @Test
    void theBaseIsNamedAfterTemplateReleaseAndPostgresVersion() {
        assertThat(Base.of(withPostgres("db")).orElseThrow().name()).isEqualTo(BASE);
        assertThat(Base.of(Fixtures.container("plain", false))).as("no PostgreSQL, no base").isEmpty();
    }

    @Test
    void aReadyBaseIsClonedWithAnOverlaySnapshotWhereTheHostAllowsIt() {
        HostState host = HostReader.parse("local", probe("snapshot overlay\nbase " + BASE + " ready 2026-11-25T12:00Z\nabsent db\n"));

        PlannedChange change = plan(withPostgres("db"), host, new HashSet<>());

        assertThat(source(change)).isEqualTo("cloned from base " + BASE + " (overlay snapshot, base prepared 2026-11-25T12:00Z)");
        assertThat(change.summary()).contains("cloned from base " + BASE);
        assertThat(displays(change)).contains("lxc-copy -n " + BASE + " -N db -s -B overlay")
                .noneMatch(d -> d.startsWith("lxc-create"))
                .anyMatch(d -> d.startsWith("write /var/lib/lxc/db/overlay/delta/etc/network/interfaces"))
                .anyMatch(d -> d.startsWith("write a new /var/lib/lxc/db/overlay/delta/etc/machine-id"));
    }

    @Test
    void withoutSnapshotsTheBaseIsCopiedInFull() {
        HostState host = HostReader.parse("local", probe("snapshot none\nbase " + BASE + " ready 2026-11-25T12:00Z\nabsent db\n"));

        PlannedChange change = plan(withPostgres("db"), host, new HashSet<>());

        assertThat(displays(change)).contains("lxc-copy -n " + BASE + " -N db");
        assertThat(source(change)).contains("full copy");
    }

    @Test
    void aMissingBaseIsPreparedByTheFirstCreationThenClonedAndOnlyOnce() {
        HostState host = HostReader.parse("local", probe("snapshot overlay\nbase " + BASE + " absent\nabsent a\nabsent b\n"));
        Set<String> claimed = new HashSet<>();

        PlannedChange first = plan(withPostgres("a"), host, claimed);
        claimed.add(BASE);
        PlannedChange second = plan(withPostgres("b"), host, claimed);

        assertThat(source(first)).startsWith("cloned from base " + BASE + " (overlay snapshot), which this apply prepares first");
        List<String> steps = displays(first);
        assertThat(steps).containsSubsequence("lxc-create -n " + BASE + " -t debian -- -r bookworm",
                "lxc-stop -n " + BASE + " -k", "record that base " + BASE + " is ready", "lxc-copy -n " + BASE + " -N a -s -B overlay",
                "lxc-start -n a");
        assertThat(source(second)).as("containers of the same plan never wait for each other")
                .startsWith("lxc-create from the template (base " + BASE + " is prepared by another container");
    }

    @Test
    void anInterruptedBaseIsDiscardedFirstAndAForeignOneIsNeverUsed() {
        PlannedChange again = plan(withPostgres("db"),
                HostReader.parse("local", probe("snapshot overlay\nbase " + BASE + " incomplete\nabsent db\n")), new HashSet<>());
        assertThat(displays(again).get(0)).isEqualTo("lxc-destroy -f -n " + BASE + " (unfinished by an interrupted apply)");

        PlannedChange foreign = plan(withPostgres("db"),
                HostReader.parse("local", probe("snapshot overlay\nbase " + BASE + " foreign\nabsent db\n")), new HashSet<>());
        assertThat(source(foreign)).contains("provision did not prepare; it is left alone");
        assertThat(displays(foreign)).noneMatch(d -> d.contains(BASE));
    }

    @Test
    void overlayRootfsIsWrittenThroughItsUpperLayer() {
        assertThat(Rootfs.parse("overlay:/var/lib/lxc/b/rootfs:/var/lib/lxc/c/overlay/delta", "/x"))
                .isEqualTo(new Rootfs("/var/lib/lxc/c/overlay/delta", "/var/lib/lxc/b/rootfs"));
        assertThat(Rootfs.parse("dir:/var/lib/lxc/c/rootfs", "/x")).isEqualTo(Rootfs.dir("/var/lib/lxc/c/rootfs"));
        assertThat(Rootfs.parse(null, "/x")).isEqualTo(Rootfs.dir("/x"));
    }
}

package dev.provision.resource.lxc;

import static dev.provision.resource.lxc.Fixtures.AT;
import static dev.provision.resource.lxc.Fixtures.probe;
import static org.assertj.core.api.Assertions.assertThat;

import dev.provision.inventory.Container;
import dev.provision.inventory.Image;
import dev.provision.inventory.Network;
import dev.provision.inventory.Postgres;
import dev.provision.inventory.Resources;
import dev.provision.plan.AttributeChange;
import dev.provision.plan.Mode;
import dev.provision.plan.PlannedChange;
import dev.provision.plan.Step;
import dev.provision.resource.pgserver.ServerPackages;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A base older than the host's base_max_age is rebuilt before it is cloned, and the plan says so. */
class BaseFreshnessTest {
    private static final String BASE = "provision-base-debian-bookworm-pg15";
    private static final Duration MONTH = Duration.ofDays(30);

    private static Container db() {
        Postgres postgres = new Postgres(AT, 15, null, List.of("*"), 5432, java.util.Map.of(), List.of(), java.util.Map.of(),
                java.util.Map.of(), null);
        return new Container("db", AT, "local", new Image(AT, "debian", null, "bookworm", null),
                new Resources(AT, 1024L * 1024 * 1024, 1), new Network(AT, "lxcbr0", "dhcp", null),
                true, false, null, List.of(), postgres);
    }

    private static HostState host(String now, String baseLine) {
        return HostReader.parse("local", probe("snapshot overlay\n" + (now == null ? "" : "now " + now + "\n") + baseLine + "\nabsent db\n"));
    }

    private static PlannedChange plan(HostState host, Duration maxAge) {
        Creation creation = Creation.choose(db(), host, new HashSet<>(), maxAge);
        return new ContainerPlanner(List.of(new ServerPackages())).plan(db(), host, Mode.APPLY, creation).orElseThrow();
    }

    private static String source(PlannedChange change) {
        return change.attributes().stream().filter(a -> a.name().equals("source")).map(AttributeChange::after)
                .findFirst().orElseThrow();
    }

    private static List<String> displays(PlannedChange change) {
        return change.steps().stream().map(Step::display).toList();
    }

    @Test
    void aBaseOlderThanTheMaximumAgeIsRebuiltFirstAndThePlanSaysSo() {
        PlannedChange change = plan(host("2026-11-28T10:00Z", "base " + BASE + " ready 2026-10-01T09:00Z 0"), MONTH);

        assertThat(source(change)).as("the plan names the rebuild and why")
                .startsWith("cloned from base " + BASE + " (overlay snapshot), which this apply rebuilds first (base " + BASE
                        + " was prepared 2026-10-01T09:00Z, more than 30d ago)");
        assertThat(displays(change)).as("the old base goes, a new one is prepared, then cloned")
                .containsSubsequence("lxc-destroy -f -n " + BASE + " (base " + BASE + " was prepared 2026-10-01T09:00Z, more than 30d ago: rebuilt)",
                        "lxc-create -n " + BASE + " -t debian -- -r bookworm", "record that base " + BASE + " is ready",
                        "lxc-copy -n " + BASE + " -N db -s -B overlay");
    }

    @Test
    void aBaseWithinTheMaximumAgeIsClonedAsItIs() {
        PlannedChange change = plan(host("2026-11-28T10:00Z", "base " + BASE + " ready 2026-11-20T09:00Z 0"), MONTH);

        assertThat(source(change)).isEqualTo("cloned from base " + BASE + " (overlay snapshot, base prepared 2026-11-20T09:00Z)");
        assertThat(displays(change)).noneMatch(d -> d.startsWith("lxc-destroy"));
    }

    @Test
    void aBaseThatContainersAreSnapshotsOfIsKeptAndTheTemplateIsUsedInstead() {
        PlannedChange change = plan(host("2026-11-28T10:00Z", "base " + BASE + " ready 2026-10-01T09:00Z 2"), MONTH);

        assertThat(source(change)).as("its clones' lower layer is never pulled away")
                .isEqualTo("lxc-create from the template (base " + BASE + " was prepared 2026-10-01T09:00Z, more than 30d ago,"
                        + " but 2 container(s) are overlay snapshots of it, so it is kept for them)");
        assertThat(displays(change)).noneMatch(d -> d.startsWith("lxc-destroy")).noneMatch(d -> d.startsWith("lxc-copy"));
    }

    @Test
    void zeroMeansBasesNeverAgeAndAnUnknownClockRebuildsNothing() {
        String old = "base " + BASE + " ready 2020-01-01T00:00Z 0";
        assertThat(source(plan(host("2026-11-28T10:00Z", old), Duration.ZERO))).as("base_max_age: 0").startsWith("cloned from base " + BASE + " (overlay snapshot, base");
        assertThat(source(plan(host(null, old), MONTH))).as("no clock from the host: never rebuilt on a guess")
                .startsWith("cloned from base " + BASE + " (overlay snapshot, base");
    }
}

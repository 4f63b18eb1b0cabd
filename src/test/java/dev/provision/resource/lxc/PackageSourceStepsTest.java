package dev.provision.resource.lxc;

import static dev.provision.resource.lxc.Fixtures.AT;
import static dev.provision.resource.lxc.Fixtures.probe;
import static org.assertj.core.api.Assertions.assertThat;

import dev.provision.inventory.Container;
import dev.provision.inventory.Image;
import dev.provision.inventory.Network;
import dev.provision.inventory.PackageSource;
import dev.provision.inventory.Postgres;
import dev.provision.inventory.Resources;
import dev.provision.plan.Mode;
import dev.provision.plan.PlannedChange;
import dev.provision.plan.Step;
import dev.provision.resource.pgserver.ServerPackages;
import java.util.HashSet;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A declared package source is added to the base before PostgreSQL is installed from it, with its public
 * key, and bases built from it are kept apart from the release's own.
 */
class PackageSourceStepsTest {
    private static final String KEY = "-----BEGIN PGP PUBLIC KEY BLOCK-----\nmQINBFake\n-----END PGP PUBLIC KEY BLOCK-----\n";

    private static Container db(PackageSource source, int version) {
        Postgres postgres = new Postgres(AT, version, source, List.of("*"), 5432, java.util.Map.of(), List.of(),
                java.util.Map.of(), java.util.Map.of(), null);
        return new Container("db", AT, "local", new Image(AT, "debian", null, "bookworm", null),
                new Resources(AT, 1024L * 1024 * 1024, 1), new Network(AT, "lxcbr0", "dhcp", null),
                true, false, null, List.of(), postgres);
    }

    @Test
    void theBaseAddsTheSourceThenInstallsTheMajorFromIt() {
        PackageSource source = new PackageSource(AT, "https://apt.example.invalid/pub", "bookworm-pgdg", List.of("main"), KEY, "keys/pg.asc");
        Container container = db(source, 17);
        HostState host = HostReader.parse("local", probe("snapshot overlay\nabsent db\n"));

        Creation creation = Creation.choose(container, host, new HashSet<>());
        PlannedChange change = new ContainerPlanner(List.of(new ServerPackages())).plan(container, host, Mode.APPLY, creation).orElseThrow();

        Base base = Base.of(container).orElseThrow();
        assertThat(base.name()).as("kept apart from the release's own base").matches("provision-base-debian-bookworm-pg17-apt[0-9a-f]{8}");
        List<Step.Run> runs = change.steps().stream().filter(Step.Run.class::isInstance).map(Step.Run.class::cast).toList();
        Step.Run add = runs.stream().filter(r -> r.display().contains("add package source")).findFirst().orElseThrow();
        assertThat(add.display()).isEqualTo("lxc-attach -n " + base.name()
                + " -- add package source https://apt.example.invalid/pub bookworm-pgdg (key from keys/pg.asc)");
        assertThat(add.argv()).as("the sources line, as apt reads it, and the public key")
                .contains("deb [signed-by=/usr/share/keyrings/provision-postgresql.asc] https://apt.example.invalid/pub bookworm-pgdg main")
                .contains(KEY);
        assertThat(runs.stream().map(Step::display).toList()).as("added before the install")
                .containsSubsequence(add.display(), "lxc-attach -n " + base.name() + " -- install postgresql-17 and locales (apt-get)");
    }

    @Test
    void withoutASourceTheBaseIsTheReleasesOwn() {
        assertThat(Base.of(db(null, 15)).orElseThrow().name()).isEqualTo("provision-base-debian-bookworm-pg15");
    }
}

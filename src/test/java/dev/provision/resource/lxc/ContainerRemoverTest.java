package dev.provision.resource.lxc;

import static dev.provision.resource.lxc.Fixtures.probe;
import static org.assertj.core.api.Assertions.assertThat;

import dev.provision.plan.Action;
import dev.provision.plan.Hazard;
import dev.provision.plan.PlannedChange;
import dev.provision.plan.Step;
import dev.provision.plan.UnmanagedResource;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ContainerRemoverTest {
    private static final String MINE = "/srv/ops/inventory.yaml";
    private static final String THEIRS = "/home/other/inventory.yaml";

    /** A host with: db (declared), old (mine, running), gone (mine, destroyed by hand), other (another inventory's),
     *  handmade (nobody's), and a base. */
    private static HostState host() {
        return HostReader.parse("bed", probe("absent db\n"
                + "owned db declared " + MINE + "\n"
                + "owned old RUNNING " + MINE + "\n"
                + "owned gone absent " + MINE + "\n"
                + "owned other STOPPED " + THEIRS + "\n"
                + "exists db\nexists old\nexists other\nexists handmade\nexists provision-base-debian-bookworm-pg15\n"));
    }

    @Test
    void theProbeSaysWhichInventoryOwnsEachContainerAndWhatExists() {
        HostState state = host();

        assertThat(state.owned().get("old")).isEqualTo(new OwnedContainer("old", "RUNNING", MINE));
        assertThat(state.owned().get("other").owner()).as("a path with no spaces is kept whole").isEqualTo(THEIRS);
        assertThat(state.owned().get("gone").present()).isFalse();
        assertThat(state.existing()).contains("handmade", "provision-base-debian-bookworm-pg15");
    }

    @Test
    void onlyWhatThisInventoryCreatedAndNoLongerDeclaresIsDestroyedAsAHazard() {
        List<PlannedChange> changes = new ContainerRemover().removals("bed", host(), MINE, Set.of("db"));

        assertThat(changes).as("not db (declared), not gone (already absent), not other (another inventory's)")
                .singleElement().satisfies(c -> {
                    assertThat(c.address().path()).isEqualTo("containers.old");
                    assertThat(c.action()).isEqualTo(Action.DELETE);
                    assertThat(c.summary()).startsWith("no longer declared");
                    assertThat(c.hazards()).extracting(Hazard::kind).containsExactly("container-destroy");
                    assertThat(c.steps()).extracting(Step::display).containsExactly("lxc-stop -n old -t 30", "lxc-destroy -n old",
                            "forget old");
                });
    }

    @Test
    void containersNobodyDeclaredHereAreListedAsUnmanagedBasesExcepted() {
        List<UnmanagedResource> found = new ContainerRemover().unmanaged(host(), MINE, Set.of("db"));

        assertThat(found).extracting(u -> u.address().path()).as("another inventory's and a hand-made one; not ours, not a base")
                .containsExactly("containers.handmade", "containers.other");
    }
}

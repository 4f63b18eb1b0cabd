package dev.provision.inventory;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Did-you-mean hints are offered only when the typo is close. */
class SuggestionsTest {
    private final List<String> keys = InventoryKeys.of(InventoryKeys.CONTAINER);

    @Test
    void suggestsCloseNames() {
        assertThat(Suggestions.closest("autostrat", keys)).hasValue("autostart");
        assertThat(Suggestions.closest("Hostname", keys)).hasValue("hostname");
        assertThat(Suggestions.closest("mount", keys)).hasValue("mounts");
        assertThat(Suggestions.closest("postgresql", keys)).hasValue("postgres");
    }

    @Test
    void staysQuietWhenNothingIsClose() {
        assertThat(Suggestions.closest("colour", keys)).isEmpty();
        assertThat(Suggestions.closest("x", keys)).isEmpty();
        assertThat(Suggestions.hint("zzz", keys)).isEmpty();
    }

    @Test
    void countsATranspositionAsOneEdit() {
        assertThat(Suggestions.distance("hsot", "host")).isEqualTo(1);
        assertThat(Suggestions.distance("kitten", "sitting")).isEqualTo(3);
    }
}

package dev.provision.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.provision.inventory.SecretRef;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The keyed digest of a secret's value that a role's applied record holds instead of the value. */
class SecretDigestTest {
    private static final String KEY = "11".repeat(32);
    private static final String ADDRESS = "containers.db.postgres.roles.app";

    @TempDir
    Path dir;

    private SecretRef file(String name, boolean generate) {
        return new SecretRef(null, SecretRef.Kind.FILE, dir.resolve(name).toString(), generate);
    }

    @Test
    void theDigestFollowsTheValueTheKeyAndTheAddressAndHoldsNoneOfTheValue() throws Exception {
        Files.writeString(dir.resolve("s"), "hunter2-secret\n");
        SecretDigest digests = new SecretDigest(KEY);

        String digest = digests.of(ADDRESS, file("s", false)).orElseThrow();

        assertThat(digest).as("an HMAC, not the value").startsWith("hmac-sha256:").doesNotContain("hunter2");
        assertThat(digests.of(ADDRESS, file("s", false))).as("the same value, the same digest").contains(digest);
        assertThat(new SecretDigest("22".repeat(32)).of(ADDRESS, file("s", false))).as("another host's key")
                .isPresent().get().isNotEqualTo(digest);
        assertThat(digests.of("containers.db.postgres.roles.other", file("s", false))).as("another role with the same secret")
                .isPresent().get().isNotEqualTo(digest);
        Files.writeString(dir.resolve("s"), "another-secret\n");
        assertThat(digests.of(ADDRESS, file("s", false))).as("a new value").isPresent().get().isNotEqualTo(digest);
    }

    @Test
    void aSecretThatDoesNotExistYetHasNoDigestAndIsNotCreated() {
        assertThat(new SecretDigest(KEY).of(ADDRESS, file("later", true))).as("apply generates it, not the plan").isEmpty();
        assertThat(Files.exists(dir.resolve("later"))).as("planning never creates a secret").isFalse();
        assertThat(new SecretDigest(KEY).of(ADDRESS, new SecretRef(null, SecretRef.Kind.ENV, "PROVISION_TEST_UNSET_VARIABLE", false)))
                .as("an unset variable").isEmpty();
    }
}

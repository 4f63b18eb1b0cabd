package dev.provision.plan;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class CauseRuleTest {
    private static final String APPLIED = "{\"connection_limit\":10,\"createdb\":false,\"login\":true}";

    @Test
    void withoutARecordThePlannersJudgementStands() {
        assertThat(CauseRule.decide(Cause.DRIFT, Action.UPDATE, null, APPLIED, List.of())).isEqualTo(Cause.DRIFT);
        assertThat(CauseRule.decide(Cause.INVENTORY, Action.UPDATE, APPLIED, null, List.of())).isEqualTo(Cause.INVENTORY);
    }

    @Test
    void anUnchangedInventoryMeansRealityMoved() {
        assertThat(CauseRule.decide(Cause.INVENTORY, Action.UPDATE, APPLIED, APPLIED,
                List.of(new AttributeChange("connection_limit", "3", "10")))).isEqualTo(Cause.DRIFT);
        assertThat(CauseRule.decide(Cause.INVENTORY, Action.CREATE, APPLIED, APPLIED, List.of()))
                .as("applied before, gone now, declared the same").isEqualTo(Cause.DRIFT);
    }

    @Test
    void aChangedInventoryIsAnInventoryChangeAndBothWhenAKeptAttributeDiffersInReality() {
        String edited = "{\"connection_limit\":12,\"createdb\":false,\"login\":true}";
        AttributeChange limit = new AttributeChange("connection_limit", "10", "12");
        AttributeChange createdb = new AttributeChange("createdb", "true", "false");

        assertThat(CauseRule.decide(Cause.DRIFT, Action.UPDATE, APPLIED, edited, List.of(limit))).isEqualTo(Cause.INVENTORY);
        assertThat(CauseRule.decide(Cause.DRIFT, Action.UPDATE, APPLIED, edited, List.of(limit, createdb)))
                .as("createdb was applied as false, is still declared false, and is true in reality").isEqualTo(Cause.BOTH);
        assertThat(CauseRule.decide(Cause.DRIFT, Action.DELETE, APPLIED, edited, List.of())).as("a removal keeps its own cause")
                .isEqualTo(Cause.DRIFT);
    }

    @Test
    void fingerprintsCompareWhole() {
        assertThat(CauseRule.decide(Cause.INVENTORY, Action.UPDATE, "ab12", "ab12", List.of())).isEqualTo(Cause.DRIFT);
        assertThat(CauseRule.decide(Cause.DRIFT, Action.UPDATE, "ab12", "cd34", List.of())).isEqualTo(Cause.INVENTORY);
    }

    @Test
    void anAttributeTheRecordLacksIsNotCompared() {
        String withDigest = "{\"connection_limit\":10,\"createdb\":false,\"login\":true,\"password_digest\":\"hmac-sha256:ab\"}";
        AttributeChange password = new AttributeChange("password", "(does not match the secret)", "(from file:/s)");

        assertThat(CauseRule.decide(Cause.INVENTORY, Action.UPDATE, APPLIED, withDigest, List.of(password)))
                .as("a record from before digests were kept says nothing about the secret: the rest is unchanged").isEqualTo(Cause.DRIFT);
        assertThat(CauseRule.decide(Cause.DRIFT, Action.UPDATE, withDigest, withDigest.replace(":ab", ":cd"), List.of(password)))
                .as("the secret's value changed since it was applied").isEqualTo(Cause.INVENTORY);
        assertThat(CauseRule.decide(Cause.DRIFT, Action.UPDATE, withDigest, APPLIED, List.of(password)))
                .as("a digest recorded and none possible now (the secret is gone, to be generated) is a change").isEqualTo(Cause.INVENTORY);
    }
}

package dev.provision.json;

import dev.provision.diag.SourceRange;
import dev.provision.inventory.SecretRef;
import dev.provision.plan.Action;
import dev.provision.plan.AttributeChange;
import dev.provision.plan.Cause;
import dev.provision.plan.Hazard;
import dev.provision.plan.Plan;
import dev.provision.plan.PlannedChange;
import dev.provision.plan.ResourceAddress;
import dev.provision.plan.Step;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/** A plan with every kind of change, attribute and step, for tests of how plans are shown and saved. */
public final class SamplePlans {
    private SamplePlans() {}

    public static Plan everyKind() {
        SecretRef password = new SecretRef(new SourceRange(Path.of("inventory.yaml"), 12, 21), SecretRef.Kind.ENV,
                "APP_PASSWORD", false);
        return new Plan(List.of(
                new PlannedChange(ResourceAddress.of("containers", "app"), Action.CREATE, Cause.INVENTORY,
                        "container does not exist",
                        List.of(new AttributeChange("memory", null, "256MiB")), List.of(),
                        List.of(Step.Run.of("bed", Duration.ofMinutes(10), "lxc-create", "-n", "app", "-t", "debian"),
                                Step.Run.of("bed", Duration.ofSeconds(30), "sh", "-c", "cat > \"$1\"", "x", "/tmp/f")
                                        .withStdin("lxc.start.auto = 1\n").showingOutput())),
                new PlannedChange(ResourceAddress.of("containers", "app", "postgres", "config"), Action.UPDATE, Cause.DRIFT,
                        "postgresql.conf edited by hand; reload is enough",
                        List.of(new AttributeChange("work_mem", "1MB", "48MB"), new AttributeChange("fsync", "off", null)),
                        List.of(),
                        List.of(new Step.Upload("bed", "/etc/postgresql/15/main/postgresql.conf", "work_mem = '48MB'\n", 0644),
                                new Step.BootstrapAdmin("bed", "app", 15),
                                new Step.Sql("bed", "app", null, List.of("CREATE ROLE \"app\"", "GRANT x TO \"app\""), true),
                                new Step.SetPassword("bed", "app", "app", password))),
                new PlannedChange(ResourceAddress.of("containers", "old"), Action.REPLACE, Cause.INVENTORY,
                        "the image changed", List.of(new AttributeChange("image", "debian bookworm", "ubuntu noble")),
                        List.of(new Hazard("container-replace", "everything inside the container is lost")),
                        List.of(new Step.Run("bed", List.of("lxc-destroy", "-n", "old"), null, null, "lxc-destroy -n old", false))),
                new PlannedChange(ResourceAddress.of("containers", "old", "postgres"), Action.READ, Cause.DRIFT,
                        "the container is not running; it waits for the changes to containers.old above",
                        List.of(), List.of(), List.of())),
                List.of("containers.app.postgres: roles are not managed by this version yet"));
    }
}

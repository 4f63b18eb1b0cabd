package dev.provision.cli;

import dev.provision.apply.Applier;
import dev.provision.apply.OperationFailed;
import dev.provision.apply.StepFailed;
import dev.provision.plan.Mode;
import dev.provision.plan.Targets;
import dev.provision.inventory.Container;
import dev.provision.inventory.Inventory;
import dev.provision.plan.Action;
import dev.provision.plan.AttributeChange;
import dev.provision.plan.Cause;
import dev.provision.plan.Hazard;
import dev.provision.plan.HazardKind;
import dev.provision.plan.Plan;
import dev.provision.plan.PlannedChange;
import dev.provision.plan.ResourceAddress;
import dev.provision.plan.Step;
import dev.provision.resource.backup.RestoreSteps;
import dev.provision.resource.backup.RestoreTarget;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.regex.Pattern;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code provision restore}: restores a server's backups into a new container, made from the same base,
 * to the latest archived state, a time or a backup; checks that it started and reached that point, and
 * prints how to switch over. Restoring over the original is the hazard {@code restore-in-place}.
 */
@Command(
        name = "restore",
        mixinStandardHelpOptions = true,
        header = "Restore a server's backups into a new container.",
        description = {
            "Makes container NEW-NAME on the original's host the way the original was made (its base, image,"
                    + " limits and server settings; DHCP), mounts the original's repository read-only, and restores"
                    + " the backup with pgBackRest to TIME (ISO 8601, e.g. 2026-11-28T03:15:00Z: every transaction"
                    + " committed then or before), latest (everything archived) or LABEL (the end of that backup,"
                    + " as provision backups lists it). It waits until recovery reached that point and the server"
                    + " is promoted, then prints how to switch over. The original is never touched.",
            "",
            "--into with the original's own name restores over it: everything it holds since the restore point is"
                    + " lost, so it is refused unless --allow restore-in-place."
        },
        footerHeading = "%nExamples:%n",
        footer = {
            "  provision restore --target containers.event-store --to 2026-11-28T03:15:00Z --into event-store-0315",
            "  provision restore --target containers.event-store --to latest --into event-store-restored",
            "  provision backups   # the labels and the span a restore can reach"
        })
final class RestoreCommand implements Callable<Integer> {
    private static final Pattern CONTAINER_NAME = Pattern.compile("[a-z0-9][a-z0-9-]{0,62}");

    @Mixin
    CommonOptions options;

    @Option(names = "--target", required = true, paramLabel = "containers.NAME", description = "The server whose backups to restore.")
    String target;

    @Option(names = "--to", required = true, paramLabel = "TIME|latest|LABEL", description = "The point to restore to.")
    String to;

    @Option(names = "--into", required = true, paramLabel = "NEW-NAME", description = "The new container to restore into.")
    String into;

    @Option(names = "--allow", paramLabel = "HAZARD", converter = HazardKindConverter.class,
            description = "Allow restore-in-place (--into the original's own name).")
    List<HazardKind> allowed = new ArrayList<>();

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        RestoreTarget.Point point = RestoreTarget.parse(to);
        if (point == null) {
            throw new UserError("--to \"" + to + "\" is not latest, a backup label (20261128-031500F) or a time"
                    + " (2026-11-28T03:15:00Z); provision backups lists the labels");
        }
        if (!CONTAINER_NAME.matcher(into).matches()) {
            throw new UserError("--into \"" + into + "\" is not a container name; use lowercase letters, digits and '-'");
        }
        Output output = Output.of(spec, options, false);
        try (Session session = Session.open(options, spec)) {
            Container original = original(session.inventory());
            boolean inPlace = into.equals(original.name());
            if (!inPlace && session.inventory().containers().containsKey(into)) {
                throw new UserError("container \"" + into + "\" is declared in " + options.inventory
                        + "; restore into a new name (--into), never over a declared container");
            }
            try (ProgressPrinter progress = new ProgressPrinter(output.human(), output.ansi(), output.terminal())) {
                Applier applier = new Applier(session.connections(), progress);
                Container destination = inPlace ? original : RestoreTarget.container(original, into);
                if (inPlace) {
                    refuseInPlace(output);
                } else {
                    Plan create = createPlan(session, destination);
                    output.planPrinter(false).print(create);
                    progress.expect(create.changes().size() + 1);
                    applier.apply(create);
                }
                PlannedChange restore = new PlannedChange(ResourceAddress.of("containers", destination.name(), "postgres"),
                        Action.UPDATE, Cause.INVENTORY, "restore " + target + " to " + RestoreTarget.describe(point),
                        List.of(new AttributeChange("restored from", null, target + ", " + to)),
                        inPlace ? List.of(new Hazard(HazardKind.RESTORE_IN_PLACE.id(), "the server is restored over itself"))
                                : List.of(),
                        RestoreSteps.of(original, destination, point));
                applier.apply(new Plan(List.of(restore), List.of()));
            } catch (StepFailed e) {
                throw new OperationFailed(e.getMessage() + (inPlace ? "" : "\nThe original " + target + " was not touched."
                        + " Remove the half-made container with: lxc-stop -k -n " + into + "; lxc-destroy -n " + into
                        + " (on host " + original.host() + "), then restore again."), e);
            }
            switchOver(session, original, output);
            return ExitCodes.OK;
        }
    }

    private Container original(Inventory inventory) {
        String name = target.startsWith("containers.") ? target.substring("containers.".length()) : target;
        Container container = inventory.containers().get(name);
        if (container == null) {
            throw new UserError("--target " + target + " is not a container of " + options.inventory + "; the containers are "
                    + inventory.containers().keySet().stream().map(c -> "containers." + c).toList());
        }
        if (container.postgres() == null || container.postgres().backups() == null) {
            throw new UserError(target + " declares no backups (postgres.backups); there is nothing to restore from");
        }
        return container;
    }

    private void refuseInPlace(Output output) {
        if (!allowed.contains(HazardKind.RESTORE_IN_PLACE)) {
            throw new OperationFailed("--into " + into + " is the original itself: restoring over it loses everything it holds"
                    + " since the restore point (hazard restore-in-place). Restore into a new name instead, or add"
                    + " --allow restore-in-place. Nothing was changed.");
        }
        output.human().println("Restoring over " + target + " itself (--allow restore-in-place).");
    }

    /** The plan that makes the new container and its server; refused when a container of that name exists. */
    private Plan createPlan(Session session, Container destination) {
        Inventory inventory = session.inventory();
        // its own inventory identity: the user's inventory does not own the new container, so its plans leave it alone
        Inventory derived = new Inventory(inventory.file().resolveSibling(inventory.file().getFileName() + ".restore." + into),
                inventory.baseDir(), inventory.hosts(), Map.of(into, destination));
        Plan plan = session.plan(derived, Targets.all(), Mode.APPLY);
        boolean creates = plan.changes().stream().anyMatch(c -> c.address().equals(ResourceAddress.of("containers", into))
                && c.action() == Action.CREATE);
        if (!creates) {
            throw new UserError("a container named \"" + into + "\" already exists on host " + destination.host()
                    + "; choose another --into, or remove it (lxc-destroy -n " + into + ") if it is a restore you no longer need");
        }
        return plan;
    }

    private void switchOver(Session session, Container original, Output output) {
        String address = session.connections().get(original.host())
                .run(List.of("lxc-info", "-n", into, "-iH"), null, Duration.ofSeconds(30)).stdout().lines()
                .findFirst().orElse("(no address yet: lxc-info -n " + into + " -iH)").strip();
        var out = output.human();
        out.println();
        out.println("Restored " + target + " to " + RestoreTarget.describe(RestoreTarget.parse(to)) + " into container " + into
                + " on host " + original.host() + ", at " + address + ":" + original.postgres().port() + ".");
        if (into.equals(original.name())) {
            out.println("The server runs on a new timeline; the next backup is taken from it. Run provision plan to check it.");
        } else {
            out.println("Its roles, passwords and data are the backup's; it archives no WAL and takes no backups.");
            out.println("To switch over:");
            out.println("  1. check the data: lxc-attach -n " + into + " -- runuser -u postgres -- psql");
            out.println("  2. stop writes to " + original.name() + " (or stop it: lxc-stop -n " + original.name() + ")");
            out.println("  3. point clients at " + address + ":" + original.postgres().port());
            out.println("  4. to make it the declared server, rename it on the host (lxc-stop -n " + into + "; lxc-copy -R -n "
                    + into + " -N NAME) or declare it in the inventory, and run provision plan; remove the original"
                    + " with provision destroy once it is no longer needed.");
        }
        out.flush();
    }
}

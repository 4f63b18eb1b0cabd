package dev.provision.cli;

import dev.provision.apply.Applier;
import dev.provision.apply.ApplyListener;
import dev.provision.json.ApplyRecord;
import dev.provision.json.InventoryDigest;
import dev.provision.apply.StepFailed;
import dev.provision.engine.Connections;
import dev.provision.engine.Engine;
import dev.provision.engine.Mode;
import dev.provision.engine.Targets;
import dev.provision.inventory.Inventory;
import dev.provision.inventory.Loaded;
import dev.provision.engine.HostLock;
import dev.provision.engine.PlanningFailed;
import dev.provision.plan.Hazard;
import dev.provision.plan.Plan;
import dev.provision.plan.PlannedChange;
import dev.provision.plan.Step;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import picocli.CommandLine.Model.CommandSpec;

/**
 * What plan, apply and destroy share: a valid inventory, the engine, and the open connections,
 * closed when the command ends.
 */
final class Session implements AutoCloseable {
    private final CommonOptions options;
    private final CommandSpec spec;
    private final Inventory inventory;
    private final Connections connections;
    private final Engine engine;
    private final CommandLog log;

    private Session(CommonOptions options, CommandSpec spec, Inventory inventory) {
        this.options = options;
        this.spec = spec;
        this.inventory = inventory;
        this.log = CommandLog.open(options, spec.commandLine().getErr(), spec.name());
        this.connections = new Connections(inventory, Wiring.transports(log.writer()));
        this.engine = Wiring.engine(inventory.baseDir());
    }

    /** Loads and validates the inventory; on any error prints every problem and stops with exit 3. */
    static Session open(CommonOptions options, CommandSpec spec) {
        Loaded loaded = InventoryFiles.load(options.inventory);
        new DiagnosticPrinter(spec.commandLine().getErr(), options.ansi()).print(loaded.diagnostics());
        if (!loaded.isValid()) {
            throw new UserError("the inventory is invalid; fix the errors above and run again");
        }
        return new Session(options, spec, loaded.inventory());
    }

    Inventory inventory() {
        return inventory;
    }

    Connections connections() {
        return connections;
    }

    /** The SHA-256 of the inventory file as it was loaded, which a saved plan must match. */
    String inventoryDigest() {
        return InventoryDigest.of(options.inventory);
    }

    Plan plan(Targets targets, Mode mode) {
        return engine.plan(inventory, connections, targets, mode);
    }

    /**
     * Applies the plan under the lock of every host it touches, then reads again: a plan that is
     * still not empty after apply is a failure, not a success.
     */
    void apply(Plan plan, Targets targets, Mode mode, Set<String> allowedHazards, Output output, ApplyRecord record,
            int parallelism) {
        refuseHazards(plan, allowedHazards);
        HostLock lock = new HostLock();
        try (lock;
                ProgressPrinter progress = new ProgressPrinter(output.human(), output.ansi(), output.terminal())) {
            plan.changes().stream().flatMap(c -> c.steps().stream()).map(Step::host).distinct()
                    .forEach(host -> lock.acquire(host, connections.get(host))
                            .ifPresent(note -> spec.commandLine().getErr().println("note: " + note)));
            int applied = new Applier(connections, ApplyListener.all(log.steps(), progress, record)).apply(plan, parallelism);
            progress.close();
            Plan after = plan(targets, mode);
            if (after.hasChanges()) {
                new PlanPrinter(spec.commandLine().getErr(), options.ansi(), false).print(after);
                throw new OperationFailed("apply ran every step, but reading again still finds the changes above;"
                        + " this is a bug in provision or something changed the hosts meanwhile: run plan to see the state");
            }
            record.verified();
            output.human().println(options.ansi().string(
                    "@|green,bold Apply complete!|@ " + applied + (applied == 1 ? " change" : " changes")
                            + " applied; a fresh read finds nothing left to do."));
            output.human().flush();
        } catch (StepFailed | PlanningFailed e) {
            String message = e.getMessage() + lock.unreleasedNote().map(note -> "\n" + note).orElse("");
            record.failed(message);
            throw new OperationFailed(message, e);
        } catch (RuntimeException e) {
            record.failed(e.getMessage());
            throw e;
        }
    }

    private static void refuseHazards(Plan plan, Set<String> allowed) {
        List<String> refused = new ArrayList<>();
        for (PlannedChange change : plan.changes()) {
            for (Hazard hazard : change.hazards()) {
                if (!allowed.contains(hazard.kind())) {
                    refused.add(change.address() + ": " + hazard.description() + "; allow it with --allow " + hazard.kind());
                }
            }
        }
        if (!refused.isEmpty()) {
            throw new HazardsRefused("the plan has hazards that were not allowed, so nothing was changed:\n  "
                    + String.join("\n  ", refused));
        }
    }

    @Override
    public void close() {
        try {
            connections.close();
        } finally {
            log.close();
        }
    }
}

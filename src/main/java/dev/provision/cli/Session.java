package dev.provision.cli;

import dev.provision.apply.Applier;
import dev.provision.apply.ApplyListener;
import dev.provision.json.ApplyRecord;
import dev.provision.json.InventoryDigest;
import dev.provision.apply.StepFailed;
import dev.provision.engine.AddressCatalog;
import dev.provision.engine.Connections;
import dev.provision.engine.Engine;
import dev.provision.engine.Mode;
import dev.provision.engine.Targets;
import dev.provision.inventory.Inventory;
import dev.provision.inventory.Loaded;
import dev.provision.engine.HeldLock;
import dev.provision.engine.LockScope;
import dev.provision.engine.PlanningFailed;
import dev.provision.engine.RunLocks;
import dev.provision.json.PlanComparison;
import dev.provision.transport.ShellQuoter;
import java.time.Duration;
import java.util.Map;
import dev.provision.plan.Action;
import dev.provision.plan.Hazard;
import dev.provision.plan.Note;
import dev.provision.plan.Plan;
import dev.provision.plan.PlannedChange;
import dev.provision.plan.ResourceAddress;
import dev.provision.plan.Step;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
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
    private final Set<String> printedNotes = new java.util.HashSet<>();
    private final Consumer<Note> noteSink;
    /** What this run's locks say of it. */
    private final String owner = HeldLock.newOwner();

    private Session(CommonOptions options, CommandSpec spec, Inventory inventory, Consumer<Note> noteSink) {
        this.options = options;
        this.noteSink = noteSink;
        this.spec = spec;
        this.inventory = inventory;
        this.log = CommandLog.open(options, spec.commandLine().getErr(), spec.name());
        this.connections = new Connections(inventory, Wiring.transports(log.writer()));
        this.engine = Wiring.engine(inventory.baseDir(), owner, this::note, this::unlockCommand);
    }

    /**
     * Prints a note for the user on standard error (never among --json's output), once per text, and
     * hands it to the command's note sink (the --json document's notes).
     */
    private void note(Note note) {
        synchronized (printedNotes) {
            if (!printedNotes.add(note.message())) {
                return;
            }
        }
        spec.commandLine().getErr().println("note: " + note.message());
        spec.commandLine().getErr().flush();
        noteSink.accept(note);
    }

    /** The exact command that releases {@code scope}'s lock by force, with this run's inventory. */
    String unlockCommand(LockScope scope) {
        return "provision force-unlock -i " + ShellQuoter.quote(options.inventory.toString()) + " " + scope.address();
    }

    /** Loads and validates the inventory; on any error prints every problem and stops with exit 3. */
    static Session open(CommonOptions options, CommandSpec spec) {
        return open(options, spec, note -> { });
    }

    /** As {@link #open(CommonOptions, CommandSpec)}; every note printed is also told to {@code notes}. */
    static Session open(CommonOptions options, CommandSpec spec, Consumer<Note> notes) {
        Loaded loaded = InventoryFiles.load(options.inventory);
        new DiagnosticPrinter(spec.commandLine().getErr(), options.ansi(spec.commandLine().getErr())).print(loaded.diagnostics());
        if (!loaded.isValid()) {
            throw new UserError("the inventory is invalid; fix the errors above and run again");
        }
        return new Session(options, spec, loaded.inventory(), notes);
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
     * The first plan of a command, for the {@code --target} addresses the user gave: each must name an
     * address of the inventory or a resource the plan removes, else exit 3 (before anything is
     * contacted when no resource can have that address).
     */
    Plan planTargets(List<String> targets, Mode mode) {
        TargetCheck check = TargetCheck.beforeReading(AddressCatalog.of(inventory), targets);
        Plan plan = plan(new Targets(targets.stream().map(ResourceAddress::new).toList()), mode);
        check.afterPlanning(plan);
        return plan;
    }

    /**
     * How apply goes on when the plan had parts that could only be planned once its changes were
     * applied ({@link Plan#hasDeferred()}): {@code approve} is asked before each further stage is
     * applied (always true with --auto-approve); {@code null} stops after the plan shown, as a saved
     * plan must.
     */
    record Continuation(BooleanSupplier approve) {
        static final Continuation NONE = new Continuation(null);
    }

    /** Stages a plan with deferred parts may take; each stage must settle at least one of them. */
    private static final int MAX_STAGES = 4;

    /**
     * Applies the plan under the locks of what it changes (each container it changes; a host while its
     * host-wide changes run), waiting up to {@code lockTimeout} for another run's, then reads again: a plan
     * that is still not empty after apply is a failure, not a success. A run that had to wait plans again
     * under its locks, since the other run may have changed what it read: a different plan is shown and
     * asked for again (a saved plan is refused). Parts that could only be planned after the plan's changes
     * (a stopped container's server) are planned then, shown, and applied in turn.
     */
    void apply(Plan plan, Targets targets, Mode mode, Set<String> allowedHazards, Output output, ApplyRecord record,
            int parallelism, Continuation continuation, Duration lockTimeout) {
        refuseHazards(plan, allowedHazards, "");
        RunLocks lock = new RunLocks(owner, this::unlockCommand, this::note);
        HostLockRelease release = new HostLockRelease(lock);
        try (lock;
                ProgressPrinter progress = new ProgressPrinter(output.human(), output.ansi(), output.terminal())) {
            Applier applier = new Applier(connections, ApplyListener.all(log.steps(), progress, record, release));
            if (lock(plan, lock, lockTimeout, output)) {
                plan = afterWaiting(plan, targets, mode, allowedHazards, output, continuation, lock, lockTimeout);
            }
            release.expect(plan);
            progress.expect(runnable(plan));
            int applied = applier.apply(plan, parallelism);
            Plan after = plan(targets, mode);
            for (int stage = 2; plan.hasDeferred() && after.hasChanges() && continuation.approve() != null; stage++) {
                if (stage > MAX_STAGES || sameDeferred(plan, after) && !hasWork(after)) {
                    break;
                }
                output.human().println();
                output.human().println("The parts that could only be planned once the changes above were applied:");
                new PlanPrinter(output.human(), output.ansi(), false).print(after);
                refuseHazards(after, allowedHazards, applied + " changes before these were applied. ");
                if (!continuation.approve().getAsBoolean()) {
                    throw new OperationFailed(applied + " changes were applied; the rest, above, was not."
                            + " Run apply again to apply it.");
                }
                if (lock(after, lock, lockTimeout, output)) {
                    after = plan(targets, mode); // another run changed things meanwhile: plan this stage again
                    lock(after, lock, lockTimeout, output);
                }
                release.expect(after);
                progress.expect(runnable(after));
                applied += applier.apply(after, parallelism);
                plan = after;
                after = plan(targets, mode);
            }
            progress.close();
            if (after.hasChanges() && continuation.approve() == null && plan.hasDeferred()) {
                output.human().println(output.ansi().string("@|yellow,bold Saved plan applied:|@ " + applied
                        + " changes. Parts of it could only be planned after them; run provision plan to see them,"
                        + " then apply."));
                output.human().flush();
                return;
            }
            if (after.hasDeferred()) {
                throw new OperationFailed(applied + " changes were applied, but " + String.join(", ", deferred(after))
                        + " still cannot be read; run plan to see why");
            }
            if (after.hasChanges()) {
                new PlanPrinter(spec.commandLine().getErr(), options.ansi(spec.commandLine().getErr()), false).print(after);
                throw new OperationFailed("apply ran every step, but reading again still finds the changes above;"
                        + " this is a bug in provision or something changed the hosts meanwhile: run plan to see the state");
            }
            record.verified();
            output.human().println(output.ansi().string(
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

    /** Takes the locks of what {@code plan} changes, host by host; returns whether it had to wait for another run. */
    private boolean lock(Plan plan, RunLocks lock, Duration timeout, Output output) {
        boolean waited = false;
        for (Map.Entry<String, Set<LockScope>> host : LockScopes.of(plan).entrySet()) {
            waited |= lock.acquire(host.getKey(), connections.get(host.getKey()), host.getValue(), timeout, line -> {
                output.human().println(Character.toUpperCase(line.charAt(0)) + line.substring(1));
                output.human().flush();
            });
        }
        return waited;
    }

    /**
     * The plan to apply once this run had to wait for another's locks: the same if planning again under
     * the locks gives the same; otherwise the new plan, shown and asked for again (a saved plan, which
     * must run as it was reviewed, is refused).
     */
    private Plan afterWaiting(Plan plan, Targets targets, Mode mode, Set<String> allowedHazards, Output output,
            Continuation continuation, RunLocks lock, Duration lockTimeout) {
        Plan fresh = plan(targets, mode);
        if (PlanComparison.same(plan, fresh)) {
            return plan;
        }
        if (continuation.approve() == null) {
            throw new OperationFailed("another run changed what this plan covers while this one waited for its locks,"
                    + " so the saved plan is out of date; nothing was changed. Run plan again. What differs:\n  "
                    + String.join("\n  ", PlanComparison.differences(plan, fresh)));
        }
        output.human().println();
        output.human().println("Another run changed what this plan covers while this one waited for its locks. The plan now:");
        new PlanPrinter(output.human(), output.ansi(), false).print(fresh);
        refuseHazards(fresh, allowedHazards, "");
        if (fresh.hasChanges() && !continuation.approve().getAsBoolean()) {
            throw new OperationFailed("Apply cancelled; nothing was changed.");
        }
        lock(fresh, lock, lockTimeout, output);
        return fresh;
    }

    /** A stage that defers exactly what the last one did, and has nothing else to do, would loop. */
    private static boolean sameDeferred(Plan before, Plan after) {
        return deferred(before).equals(deferred(after));
    }

    private static boolean hasWork(Plan plan) {
        return runnable(plan) > 0;
    }

    /** The changes apply runs: all but those only read once the changes before them are applied. */
    private static int runnable(Plan plan) {
        return (int) plan.changes().stream().filter(c -> c.action() != Action.READ).count();
    }

    private static List<String> deferred(Plan plan) {
        return plan.changes().stream().filter(c -> c.action() == Action.READ).map(c -> c.address().path()).toList();
    }

    private static void refuseHazards(Plan plan, Set<String> allowed, String applied) {
        List<String> refused = new ArrayList<>();
        for (PlannedChange change : plan.changes()) {
            for (Hazard hazard : change.hazards()) {
                if (!allowed.contains(hazard.kind())) {
                    refused.add(change.address() + ": " + hazard.description() + "; allow it with --allow " + hazard.kind());
                }
            }
        }
        if (!refused.isEmpty()) {
            throw new HazardsRefused(applied + "the plan has hazards that were not allowed, so "
                    + (applied.isEmpty() ? "nothing was changed" : "they were not applied") + ":\n  "
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

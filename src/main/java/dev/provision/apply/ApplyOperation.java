package dev.provision.apply;

import dev.provision.apply.lock.HostLockRelease;
import dev.provision.apply.lock.LockScope;
import dev.provision.apply.lock.LockScopes;
import dev.provision.apply.lock.RunLocks;
import dev.provision.connect.Connections;
import dev.provision.engine.Engine;
import dev.provision.inventory.Inventory;
import dev.provision.plan.Action;
import dev.provision.plan.Hazard;
import dev.provision.plan.Mode;
import dev.provision.plan.Plan;
import dev.provision.plan.PlannedChange;
import dev.provision.plan.PlanningFailed;
import dev.provision.plan.Targets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * One apply (or destroy) of a plan the user saw: refuses hazards not allowed, takes the locks of what the
 * plan changes, plans again when it had to wait for them, runs the changes, plans the parts that could
 * only be planned after them, and verifies with a fresh read that nothing is left to do. A plan still not
 * empty after apply is a failure, not a success.
 */
public final class ApplyOperation {
    /** Stages a plan with deferred parts may take; each stage must settle at least one of them. */
    private static final int MAX_STAGES = 4;

    private final Engine engine;
    private final Inventory inventory;
    private final Connections connections;
    private final String owner;
    private final Function<LockScope, String> unlockCommand;
    private final Consumer<String> notes;
    private final PlanDifferences differences;

    /**
     * @param owner what this run's locks say of it
     * @param unlockCommand the exact command that releases a lock by force
     * @param notes told what the user should know of (a stale lock released on the way)
     * @param differences how a plan made again under the locks differs from the one shown
     */
    public ApplyOperation(Engine engine, Inventory inventory, Connections connections, String owner,
            Function<LockScope, String> unlockCommand, Consumer<String> notes, PlanDifferences differences) {
        this.engine = engine;
        this.inventory = inventory;
        this.connections = connections;
        this.owner = owner;
        this.unlockCommand = unlockCommand;
        this.notes = notes;
        this.differences = differences;
    }

    /**
     * How apply goes on when the plan had parts that could only be planned once its changes were
     * applied ({@link Plan#hasDeferred()}): {@code approve} is asked before each further stage is
     * applied (always true with --auto-approve); {@code null} stops after the plan shown, as a saved
     * plan must.
     */
    public record Continuation(BooleanSupplier approve) {
        public static final Continuation NONE = new Continuation(null);
    }

    /** What one run asks of apply: its scope, the hazards allowed, how many containers change at once, how long to wait for locks. */
    public record Request(Targets targets, Mode mode, Set<String> allowedHazards, int parallelism,
            Continuation continuation, Duration lockTimeout) {
        public Request {
            allowedHazards = Set.copyOf(allowedHazards);
        }
    }

    /**
     * Applies the plan under the locks of what it changes (each container it changes; a host while its
     * host-wide changes run), waiting up to the request's lock timeout for another run's, then reads again.
     * A run that had to wait plans again under its locks, since the other run may have changed what it
     * read: a different plan is shown and asked for again (a saved plan is refused). Parts that could only
     * be planned after the plan's changes (a stopped container's server) are planned then, shown, and
     * applied in turn. {@code steps} hears every step (the command log); {@code report} the outcome.
     */
    public void apply(Plan plan, Request request, ApplyView view, ApplyListener steps, ApplyReport report) {
        refuseHazards(plan, request.allowedHazards(), "");
        RunLocks lock = new RunLocks(owner, unlockCommand, notes);
        HostLockRelease release = new HostLockRelease(lock);
        try (lock) {
            Applier applier = new Applier(connections, ApplyListener.all(steps, view, report, release));
            if (lock(plan, lock, request.lockTimeout(), view)) {
                plan = afterWaiting(plan, request, view, lock);
            }
            release.expect(plan);
            view.expect(runnable(plan));
            int applied = applier.apply(plan, request.parallelism());
            Plan after = plan(request);
            Continuation continuation = request.continuation();
            for (int stage = 2; plan.hasDeferred() && after.hasChanges() && continuation.approve() != null; stage++) {
                if (stage > MAX_STAGES || sameDeferred(plan, after) && !hasWork(after)) {
                    break;
                }
                view.nextStage(after);
                refuseHazards(after, request.allowedHazards(), applied + " changes before these were applied. ");
                if (!continuation.approve().getAsBoolean()) {
                    throw new OperationFailed(applied + " changes were applied; the rest, above, was not."
                            + " Run apply again to apply it.");
                }
                if (lock(after, lock, request.lockTimeout(), view)) {
                    after = plan(request); // another run changed things meanwhile: plan this stage again
                    lock(after, lock, request.lockTimeout(), view);
                }
                release.expect(after);
                view.expect(runnable(after));
                applied += applier.apply(after, request.parallelism());
                plan = after;
                after = plan(request);
            }
            view.changesEnded();
            if (after.hasChanges() && continuation.approve() == null && plan.hasDeferred()) {
                view.savedPlanApplied(applied);
                return;
            }
            if (after.hasDeferred()) {
                throw new OperationFailed(applied + " changes were applied, but " + String.join(", ", deferred(after))
                        + " still cannot be read; run plan to see why");
            }
            if (after.hasChanges()) {
                view.leftOver(after);
                throw new OperationFailed("apply ran every step, but reading again still finds the changes above;"
                        + " this is a bug in provision or something changed the hosts meanwhile: run plan to see the state");
            }
            report.verified();
            view.complete(applied);
        } catch (StepFailed | PlanningFailed e) {
            String message = e.getMessage() + lock.unreleasedNote().map(note -> "\n" + note).orElse("");
            report.failed(message);
            throw new OperationFailed(message, e);
        } catch (RuntimeException e) {
            report.failed(e.getMessage());
            throw e;
        }
    }

    private Plan plan(Request request) {
        return engine.plan(inventory, connections, request.targets(), request.mode());
    }

    /** Takes the locks of what {@code plan} changes, host by host; returns whether it had to wait for another run. */
    private boolean lock(Plan plan, RunLocks lock, Duration timeout, ApplyView view) {
        boolean waited = false;
        for (Map.Entry<String, Set<LockScope>> host : LockScopes.of(plan).entrySet()) {
            waited |= lock.acquire(host.getKey(), connections.get(host.getKey()), host.getValue(), timeout, view::waiting);
        }
        return waited;
    }

    /**
     * The plan to apply once this run had to wait for another's locks: the same if planning again under
     * the locks gives the same; otherwise the new plan, shown and asked for again (a saved plan, which
     * must run as it was reviewed, is refused).
     */
    private Plan afterWaiting(Plan plan, Request request, ApplyView view, RunLocks lock) {
        Plan fresh = plan(request);
        List<String> changed = differences.between(plan, fresh);
        if (changed.isEmpty()) {
            return plan;
        }
        if (request.continuation().approve() == null) {
            throw new OperationFailed("another run changed what this plan covers while this one waited for its locks,"
                    + " so the saved plan is out of date; nothing was changed. Run plan again. What differs:\n  "
                    + String.join("\n  ", changed));
        }
        view.changedWhileWaiting(fresh);
        refuseHazards(fresh, request.allowedHazards(), "");
        if (fresh.hasChanges() && !request.continuation().approve().getAsBoolean()) {
            throw new OperationFailed("Apply cancelled; nothing was changed.");
        }
        lock(fresh, lock, request.lockTimeout(), view);
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
}

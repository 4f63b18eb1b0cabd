package dev.provision.apply;

import dev.provision.connect.AdminBootstrapper;
import dev.provision.connect.Connections;
import dev.provision.driver.Parallel;
import dev.provision.plan.PlanningFailed;
import dev.provision.postgres.PostgresSession;
import dev.provision.postgres.SqlFailed;
import dev.provision.secret.SecretResolver;
import dev.provision.secret.SecretUnavailable;
import dev.provision.plan.Action;
import dev.provision.plan.Plan;
import dev.provision.plan.PlannedChange;
import dev.provision.plan.Step;
import dev.provision.transport.CommandResult;
import dev.provision.transport.Transport;
import dev.provision.transport.TransportException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Executes a plan exactly as it was shown, change by change and step by step, and stops at the first
 * failure. It never re-plans: deciding what to do is the planner's job.
 */
public final class Applier {
    private final Connections connections;
    private final ApplyListener listener;
    private final SecretResolver secrets = new SecretResolver();
    private final DatabaseLocks databaseLocks = new DatabaseLocks(Duration.ofSeconds(30));

    public Applier(Connections connections, ApplyListener listener) {
        this.connections = connections;
        this.listener = listener;
    }

    /** Applies every change in order, one at a time; see {@link #apply(Plan, int)}. */
    public int apply(Plan plan) {
        return apply(plan, 1);
    }

    /**
     * Applies every change; returns the number applied, or throws {@link StepFailed} at the first failure.
     *
     * <p>Changes to hosts run first, in order. Then each container's changes run in order, and up
     * to {@code parallelism} containers at once: containers do not depend on one another. After a
     * failure no container starts another change.
     */
    public int apply(Plan plan, int parallelism) {
        Map<String, List<PlannedChange>> lanes = new LinkedHashMap<>();
        for (PlannedChange change : plan.changes()) {
            lanes.computeIfAbsent(lane(change), k -> new ArrayList<>()).add(change);
        }
        AtomicInteger applied = new AtomicInteger();
        AtomicBoolean failed = new AtomicBoolean();
        runLane(lanes.getOrDefault("", List.of()), applied, failed);
        lanes.remove("");
        List<StepFailed> failures = Parallel.map(List.copyOf(lanes.values()), parallelism, changes -> {
            try {
                runLane(changes, applied, failed);
                return null;
            } catch (StepFailed e) {
                failed.set(true);
                return e;
            }
        });
        for (StepFailed failure : failures) {
            if (failure != null) {
                throw failure;
            }
        }
        return applied.get();
    }

    private void runLane(List<PlannedChange> changes, AtomicInteger applied, AtomicBoolean failed) {
        for (PlannedChange change : changes) {
            if (failed.get()) {
                return;
            }
            if (change.action() == Action.READ) {
                continue; // nothing to run: it is planned once the changes before it are applied
            }
            Instant started = Instant.now();
            listener.changeStarted(change);
            for (Step step : change.steps()) {
                listener.stepStarted(change, step);
                execute(change, step);
            }
            listener.changeFinished(change, Duration.between(started, Instant.now()));
            applied.incrementAndGet();
        }
    }

    /** The container a change belongs to, or "" for host-wide changes that must come first. */
    private static String lane(PlannedChange change) {
        String[] segments = change.address().path().split("\\.");
        return segments.length >= 2 && segments[0].equals("containers") ? segments[1] : "";
    }

    private void execute(PlannedChange change, Step step) {
        try {
            executeOnHost(change, step);
        } catch (TransportException e) {
            // The host or the connection failed, not the step: whether the step finished is unknown.
            throw new StepFailed(change.address() + ": lost host " + step.host() + " during `" + firstLine(step.display())
                    + "`: " + e.getMessage()
                    + "\nThe changes before this one were applied; this one may be half done. When host " + step.host()
                    + " is reachable again, run apply again: it reads the hosts afresh and finishes the work.", e);
        }
    }

    private void executeOnHost(PlannedChange change, Step step) {
        Transport transport = connections.get(step.host());
        if (step instanceof Step.Run run) {
            byte[] stdin = run.stdin() == null ? null : run.stdin().getBytes(StandardCharsets.UTF_8);
            CommandResult result = transport.run(run.argv(), stdin, run.timeout());
            if (!result.succeeded()) {
                throw new StepFailed(change.address() + ": `" + run.display() + "` failed on host " + step.host()
                        + " with exit status " + result.exitStatus() + tail(result.stderr(), result.stdout())
                        + "\nThe changes before this one were applied; fix the cause and run apply again.");
            }
            listener.stepFinished(change, step, result);
        } else if (step instanceof Step.Upload upload) {
            transport.upload(upload.content().getBytes(StandardCharsets.UTF_8), upload.path(), upload.mode());
        } else if (step instanceof Step.Sql sql) {
            PostgresSession session = connections.postgres().open(sql.container(), sql.database());
            databaseLocks.acquire(session, change.address().path());
            try {
                if (sql.transactional()) {
                    session.executeInTransaction(sql.statements());
                } else {
                    sql.statements().forEach(session::executeAlone);
                }
            } catch (SqlFailed e) {
                throw new StepFailed(change.address() + ": " + e.getMessage()
                        + (sql.transactional() ? "\nThe transaction was rolled back: this change left nothing behind." : "")
                        + "\nFix the cause and run apply again.", e);
            }
        } else if (step instanceof Step.SetPassword password) {
            PostgresSession session = connections.postgres().open(password.container(), null);
            databaseLocks.acquire(session, change.address().path());
            try {
                session.setPassword(password.role(), secrets.resolve(password.secret()));
            } catch (SecretUnavailable | SqlFailed e) {
                throw new StepFailed(change.address() + ": " + e.getMessage(), e);
            }
        } else if (step instanceof Step.BootstrapAdmin admin) {
            try {
                new AdminBootstrapper().bootstrap(transport, connections.access(admin.host()), admin.container(), admin.version());
            } catch (PlanningFailed e) {
                throw new StepFailed(e.getMessage(), e);
            }
        }
    }

    private static String firstLine(String text) {
        int newline = text.indexOf('\n');
        return newline < 0 ? text : text.substring(0, newline);
    }

    private static String tail(String stderr, String stdout) {
        String text = stderr == null || stderr.isBlank() ? stdout : stderr;
        if (text == null || text.isBlank()) {
            return "";
        }
        String trimmed = text.strip();
        int max = 2000;
        return ":\n  " + (trimmed.length() > max ? "..." + trimmed.substring(trimmed.length() - max) : trimmed)
                .replace("\n", "\n  ");
    }
}

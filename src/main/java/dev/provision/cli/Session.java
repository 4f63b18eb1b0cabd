package dev.provision.cli;

import dev.provision.apply.ApplyOperation;
import dev.provision.backend.ContainerBackend;
import dev.provision.json.ApplyRecord;
import java.io.PrintWriter;
import dev.provision.json.InventoryDigest;
import dev.provision.engine.AddressCatalog;
import dev.provision.connect.Connections;
import dev.provision.engine.Engine;
import dev.provision.plan.Mode;
import dev.provision.plan.Targets;
import dev.provision.inventory.Inventory;
import dev.provision.inventory.Loaded;
import dev.provision.apply.lock.HeldLock;
import dev.provision.apply.lock.LockScope;
import dev.provision.json.PlanComparison;
import dev.provision.transport.ShellQuoter;
import dev.provision.plan.Plan;
import dev.provision.plan.ResourceAddress;
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
    private final Set<String> printedNotes = new java.util.HashSet<>();
    /** What this run's locks say of it. */
    private final String owner = HeldLock.newOwner();

    private Session(CommonOptions options, CommandSpec spec, Inventory inventory) {
        this.options = options;
        this.spec = spec;
        this.inventory = inventory;
        this.log = CommandLog.open(options, spec.commandLine().getErr(), spec.name());
        List<ContainerBackend> backends = Wiring.backends();
        this.connections = new Connections(inventory, Wiring.transports(log.writer()), host -> Wiring.backend(backends, host));
        this.engine = Wiring.engine(backends, inventory.baseDir(), owner, this::note, this::unlockCommand);
    }

    /** Prints a note for the user on standard error (never among --json's output), once per text. */
    private void note(String text) {
        synchronized (printedNotes) {
            if (!printedNotes.add(text)) {
                return;
            }
        }
        spec.commandLine().getErr().println("note: " + text);
        spec.commandLine().getErr().flush();
    }

    /** The exact command that releases {@code scope}'s lock by force, with this run's inventory. */
    String unlockCommand(LockScope scope) {
        return "provision force-unlock -i " + ShellQuoter.quote(options.inventory.toString()) + " " + scope.address();
    }

    /** Loads and validates the inventory; on any error prints every problem and stops with exit 3. */
    static Session open(CommonOptions options, CommandSpec spec) {
        Loaded loaded = InventoryFiles.load(options.inventory);
        new DiagnosticPrinter(spec.commandLine().getErr(), options.ansi(spec.commandLine().getErr())).print(loaded.diagnostics());
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
     * Applies the plan the user saw through {@link ApplyOperation}, showing it on the console; what the
     * operation does (locks, stages, verification) is its own.
     */
    void apply(Plan plan, ApplyOperation.Request request, Output output, ApplyRecord record) {
        ApplyOperation operation = new ApplyOperation(engine, inventory, connections, owner, this::unlockCommand,
                this::note, (shown, fresh) -> PlanComparison.same(shown, fresh) ? List.of()
                        : PlanComparison.differences(shown, fresh));
        PrintWriter errors = spec.commandLine().getErr();
        try (ApplyConsole console = new ApplyConsole(output, errors, options.ansi(errors))) {
            operation.apply(plan, request, console, log.steps(), record);
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

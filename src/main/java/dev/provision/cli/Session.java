package dev.provision.cli;

import dev.provision.apply.Applier;
import dev.provision.apply.StepFailed;
import dev.provision.engine.Connections;
import dev.provision.engine.Engine;
import dev.provision.engine.Mode;
import dev.provision.engine.Targets;
import dev.provision.inventory.Inventory;
import dev.provision.inventory.Loaded;
import dev.provision.plan.Plan;
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

    private Session(CommonOptions options, CommandSpec spec, Inventory inventory) {
        this.options = options;
        this.spec = spec;
        this.inventory = inventory;
        this.connections = new Connections(inventory, Wiring.transports(options.verbose ? spec.commandLine().getErr() : null));
        this.engine = Wiring.engine();
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

    Plan plan(Targets targets, Mode mode) {
        return engine.plan(inventory, connections, targets, mode);
    }

    void apply(Plan plan) {
        ProgressPrinter progress = new ProgressPrinter(spec.commandLine().getOut(), options.ansi());
        try {
            int applied = new Applier(connections, progress).apply(plan);
            spec.commandLine().getOut().println(options.ansi().string(
                    "@|green,bold Apply complete!|@ " + applied + (applied == 1 ? " change" : " changes") + " applied."));
        } catch (StepFailed e) {
            throw new OperationFailed(e.getMessage(), e);
        }
    }

    @Override
    public void close() {
        connections.close();
    }
}

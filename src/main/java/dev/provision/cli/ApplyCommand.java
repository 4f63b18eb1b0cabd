package dev.provision.cli;

import dev.provision.apply.ApplyOperation;
import dev.provision.plan.Mode;
import dev.provision.plan.Targets;
import dev.provision.json.ApplyRecord;
import dev.provision.json.PlanComparison;
import dev.provision.json.PlanFileInvalid;
import dev.provision.json.SavedPlan;
import dev.provision.plan.Plan;
import dev.provision.plan.ResourceAddress;
import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import dev.provision.plan.HazardKind;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code provision apply [PLANFILE]}: plans (or reads a saved plan), shows it, asks, then makes reality match. */
@Command(
        name = "apply",
        mixinStandardHelpOptions = true,
        header = "Make reality match the inventory (or apply a saved plan).",
        description = {
            "Plans, shows the plan and asks for confirmation, then makes reality match the inventory:"
                    + " changes run in dependency order, long steps show their elapsed time,"
                    + " and a fresh read afterwards must find nothing left to do.",
            "",
            "Given a PLANFILE written by 'provision plan --out', apply reads reality again and applies exactly"
                    + " that plan without asking; if reality or the inventory changed since, it refuses and changes nothing.",
            "",
            "Changes with hazards (a container replaced, data lost) are refused unless allowed with --allow;"
                    + " so are data-loss removals of what provision created and the inventory no longer declares."
                    + " Apply stops at the first failure; the next apply continues from where it stopped."
        },
        footerHeading = "%nExamples:%n",
        footer = {
            "  provision apply                                  # show the plan, ask, apply",
            "  provision apply --auto-approve                   # CI: no question",
            "  provision apply --auto-approve --json > run.json # CI: machine-readable result",
            "  provision plan --out db.plan && provision apply db.plan",
            "  provision apply --allow container-replace        # accept this hazard",
            "  provision apply --allow database-drop            # remove a database the inventory no longer declares",
            "  provision apply -v --log-file apply.log          # every remote command, secrets redacted"
        })
final class ApplyCommand implements Callable<Integer> {
    @Mixin
    CommonOptions options;

    @Mixin
    TargetOptions targets;

    @Mixin
    ChangeOptions change;

    @Parameters(index = "0", arity = "0..1", paramLabel = "PLANFILE",
            description = "A plan saved by 'provision plan --out'; applied as it is, without a prompt.")
    Path planFile;

    @Option(names = "--allow", paramLabel = "HAZARD", converter = HazardKindConverter.class,
            completionCandidates = HazardKind.Names.class,
            description = "Allow changes with this hazard. Repeatable. One of: ${COMPLETION-CANDIDATES}.")
    Set<HazardKind> allow = new LinkedHashSet<>();

    @Option(names = "--show-commands", description = "Show the exact commands and SQL each change runs.")
    boolean showCommands;

    @Spec
    CommandSpec spec;

    private Set<String> allowed() {
        Set<String> ids = new LinkedHashSet<>();
        allow.forEach(kind -> ids.add(kind.id()));
        return ids;
    }

    @Override
    public Integer call() {
        if (change.json && !change.autoApprove && planFile == null) {
            throw new UserError("--json cannot be combined with the confirmation prompt; add --auto-approve, or apply a plan"
                    + " saved with plan --out");
        }
        if (planFile != null && !targets.targets.isEmpty()) {
            throw new UserError("--target cannot be combined with a PLANFILE: the plan file already holds its targets");
        }
        Output output = Output.of(spec, options, change.json);
        SavedPlan saved = planFile == null ? null : readPlanFile(output);
        List<String> targetList = saved == null ? targets.targets : saved.targets();
        JsonOutput document = new JsonOutput(change.json, "apply", options, Mode.APPLY, targetList, output.stdout());
        ApplyRecord record = new ApplyRecord();
        try (Session session = Session.open(options, spec)) {
            Targets scope = new Targets(targetList.stream().map(ResourceAddress::new).toList());
            if (saved != null) {
                refuseForeignPlan(saved, session.inventoryDigest());
            }
            Plan fresh = saved == null ? session.planTargets(targetList, Mode.APPLY) : session.plan(scope, Mode.APPLY);
            Plan plan = saved == null ? fresh : refuseStalePlan(saved, fresh, output);
            output.planPrinter(showCommands).print(plan);
            document.plan(plan);
            if (!plan.hasChanges()) {
                document.outcome("no_changes");
                return ExitCodes.OK;
            }
            if (!change.autoApprove && saved == null && !new Confirmation(spec).ask("apply")) {
                spec.commandLine().getOut().println("Apply cancelled; nothing was changed.");
                document.outcome("cancelled");
                return ExitCodes.FAILURE;
            }
            document.apply(record);
            ApplyOperation.Continuation continuation = saved != null ? ApplyOperation.Continuation.NONE
                    : new ApplyOperation.Continuation(change.autoApprove ? () -> true : () -> new Confirmation(spec).ask("apply"));
            session.apply(plan, new ApplyOperation.Request(scope, Mode.APPLY, allowed(), change.parallelism, continuation,
                    change.lockTimeout), output, record);
            document.outcome("applied");
            return ExitCodes.OK;
        } catch (RuntimeException e) {
            document.failed(e);
            throw e;
        } finally {
            document.emit();
        }
    }

    /** Reads the plan file; with --json, a file that cannot be applied still gets its document. */
    private SavedPlan readPlanFile(Output output) {
        try {
            return SavedPlan.read(planFile);
        } catch (PlanFileInvalid e) {
            JsonOutput document = new JsonOutput(change.json, "apply", options, Mode.APPLY, List.of(), output.stdout());
            document.failed(e);
            document.emit();
            throw e;
        }
    }

    private void refuseForeignPlan(SavedPlan saved, String digest) {
        if (saved.mode() != Mode.APPLY) {
            throw new PlanFileInvalid("the plan file " + planFile + " is a " + saved.mode().name().toLowerCase()
                    + " plan; apply only applies plans made by provision plan --out");
        }
        if (saved.inventoryDigest() == null || !saved.inventoryDigest().equals(digest)) {
            throw new PlanFileInvalid("the plan file " + planFile + " was made from a different inventory than "
                    + options.inventory + " (its content changed, or it is another file), so nothing was changed;"
                    + " run plan --out again");
        }
    }

    private Plan refuseStalePlan(SavedPlan saved, Plan fresh, Output output) {
        if (PlanComparison.same(saved.plan(), fresh)) {
            return saved.plan();
        }
        output.human().println("The plan as it would be made now:");
        output.planPrinter(false).print(fresh);
        throw new PlanFileInvalid("reality changed since the plan " + planFile + " was made; run plan again."
                + " Nothing was changed. What differs:\n  "
                + String.join("\n  ", PlanComparison.differences(saved.plan(), fresh)));
    }
}

package dev.provision.resource.pgserver;

import dev.provision.postgres.Locales;

import dev.provision.connect.ContainerAccess;

import dev.provision.plan.PlanningFailed;
import dev.provision.inventory.Container;
import dev.provision.inventory.Database;
import dev.provision.inventory.Parameter;
import dev.provision.inventory.ParameterCatalog;
import dev.provision.plan.Action;
import dev.provision.plan.AttributeChange;
import dev.provision.plan.Cause;
import dev.provision.plan.CauseRule;
import dev.provision.plan.PlannedChange;
import dev.provision.plan.ResourceAddress;
import dev.provision.plan.Step;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Decides what a container's PostgreSQL server needs: the package, locales, configuration files, a
 * reset of ALTER SYSTEM drift, a start. Chooses the least disruptive way to apply configuration:
 * reload unless a changed parameter's context is postmaster. Pure: no I/O.
 */
public final class ServerPlanner {

    /** @param access how commands and files get into the container (its backend's way) */
    public List<PlannedChange> plan(Container container, ServerState actual, ServerFiles.Desired desired, ContainerAccess access) {
        int version = container.postgres().version();
        ResourceAddress address = ResourceAddress.of("containers", container.name(), "postgres");
        ServerSteps steps = new ServerSteps(container.host(), container.name(), version, access);
        List<String> locales = locales(container);
        boolean noCluster = actual.containerRunning() && actual.installed().contains(version) && "absent".equals(actual.cluster());
        if (!actual.containerRunning() || !actual.installed().contains(version) || actual.installUnfinished() || noCluster) {
            if (container.postgres().packageSource() == null && actual.containerRunning() && !actual.available().isEmpty()
                    && !actual.available().contains(version)) {
                throw new PlanningFailed(address + ": PostgreSQL " + version + " is not offered by the container's"
                        + " distribution; it offers " + actual.available() + ". Set postgres.version to one of them,"
                        + " or use an image whose release offers " + version);
            }
            List<Step> all = new ArrayList<>();
            if (container.postgres().packageSource() != null && !actual.installed().contains(version)) {
                all.add(steps.packageSource(container.postgres().packageSource()));
            }
            all.add(steps.install());
            if (!locales.isEmpty()) {
                all.add(steps.locales(locales));
            }
            all.addAll(steps.stage(desired));
            all.add(steps.activate("restart"));
            all.add(steps.bootstrapAdmin());
            String why = !actual.containerRunning()
                    ? "the container is being created or started by this plan; the server will be installed and configured"
                    : noCluster
                    ? "PostgreSQL " + version + " is installed but has no cluster " + ServerFiles.CLUSTER
                            + " (a clone of a base, or an install cut short); it will be completed and configured"
                    : actual.installUnfinished()
                    ? "the installation of PostgreSQL " + version + " did not finish (it was cut short, or is still running);"
                            + " it will be completed and the server configured"
                    : "PostgreSQL " + version + " is not installed in the container";
            return List.of(new PlannedChange(address, Action.CREATE, Cause.INVENTORY, why,
                    List.of(new AttributeChange("version", null, String.valueOf(version))), List.of(), all));
        }
        List<PlannedChange> changes = new ArrayList<>();
        List<String> missing = locales.stream()
                .filter(l -> !actual.locales().contains(Locales.normalize(l))).toList();
        if (!missing.isEmpty()) {
            changes.add(new PlannedChange(address.child("locales"), Action.CREATE, Cause.INVENTORY,
                    "the databases need locales the container lacks",
                    List.of(new AttributeChange("locales", null, String.join(", ", missing))), List.of(),
                    List.of(steps.locales(missing))));
        }
        Map<String, String> autoConf = ConfParameters.parse(actual.files().getOrDefault("postgresql.auto.conf", ""));
        if (!autoConf.isEmpty()) {
            List<AttributeChange> attributes = autoConf.entrySet().stream()
                    .map(e -> new AttributeChange(e.getKey(), e.getValue(), null)).toList();
            changes.add(new PlannedChange(address.child("alter_system"), Action.UPDATE, Cause.DRIFT,
                    "parameters were set with ALTER SYSTEM outside the inventory; they will be reset",
                    attributes, List.of(), List.of(steps.resetAlterSystem())));
        }
        config(container, actual, desired, steps, address, autoConf).ifPresent(changes::add);
        if (!actual.adminReady()) {
            changes.add(new PlannedChange(address.child("admin"), Action.CREATE, Cause.INVENTORY,
                    "provision's admin role and its host-side secret are missing (used through the SSH tunnel)",
                    List.of(new AttributeChange("role", null, dev.provision.plan.AdminAccess.ROLE)), List.of(),
                    List.of(steps.bootstrapAdmin())));
        }
        return changes;
    }

    private java.util.Optional<PlannedChange> config(Container container, ServerState actual, ServerFiles.Desired desired,
            ServerSteps steps, ResourceAddress address, Map<String, String> autoConf) {
        String conf = actual.files().getOrDefault("postgresql.conf", "");
        String hba = actual.files().getOrDefault("pg_hba.conf", "");
        boolean confChanged = !conf.equals(desired.postgresqlConf());
        boolean hbaChanged = !hba.equals(desired.pgHbaConf());
        boolean down = !actual.online();
        if (!confChanged && !hbaChanged && autoConf.isEmpty()) {
            return down
                    ? java.util.Optional.of(new PlannedChange(address.child("service"), Action.UPDATE, Cause.DRIFT,
                            "the server is stopped; it will be started",
                            List.of(new AttributeChange("state", "down", "online")), List.of(), List.of(steps.start())))
                    : java.util.Optional.empty();
        }
        Map<String, String> before = ConfParameters.parse(conf);
        Map<String, String> after = ConfParameters.parse(desired.postgresqlConf());
        Set<String> changed = new LinkedHashSet<>(ConfParameters.changed(before, after));
        List<AttributeChange> attributes = new ArrayList<>();
        for (String name : changed) {
            attributes.add(new AttributeChange(name, before.get(name), after.get(name)));
        }
        List<String> removedRules = List.of();
        if (hbaChanged) {
            List<String> before2 = HbaLines.rules(hba);
            List<String> after2 = HbaLines.rules(desired.pgHbaConf());
            removedRules = before2.stream().filter(r -> !after2.contains(r)).toList();
            List<String> added = after2.stream().filter(r -> !before2.contains(r)).toList();
            removedRules.forEach(r -> attributes.add(new AttributeChange("pg_hba.conf", r, null)));
            added.forEach(r -> attributes.add(new AttributeChange("pg_hba.conf", null, r)));
            if (removedRules.isEmpty() && added.isEmpty()) {
                attributes.add(new AttributeChange("pg_hba.conf", hba.lines().count() + " lines",
                        desired.pgHbaConf().lines().count() + " lines"));
            }
        }
        Set<String> affected = new LinkedHashSet<>(changed);
        affected.addAll(autoConf.keySet());
        List<String> restartNeeded = affected.stream()
                .filter(name -> "postmaster".equals(context(name, actual, container.postgres().version()))).toList();
        String mode = down ? "start" : restartNeeded.isEmpty() ? "reload" : "restart";
        boolean handEdited = (confChanged && !Stamp.intact(conf)) || (hbaChanged && !Stamp.intact(hba));
        Cause cause = down ? Cause.DRIFT : null;
        if (confChanged) {
            cause = CauseRule.together(cause, fileCause(conf, desired.postgresqlConf()));
        }
        if (hbaChanged) {
            cause = CauseRule.together(cause, fileCause(hba, desired.pgHbaConf()));
        }
        String removal = removedRules.isEmpty() || !Stamp.intact(hba) ? ""
                : "hba rule" + (removedRules.size() > 1 ? "s" : "") + " no longer declared: " + String.join("; ", removedRules) + "; ";
        boolean edited = cause == Cause.INVENTORY || cause == Cause.BOTH;
        String why = removal + (edited && handEdited
                ? "the inventory or template changed, and the files were edited by hand since provision last wrote them"
                : handEdited ? "the files differ from what provision last wrote (edited by hand, or never written by provision)"
                : "the inventory or template changed")
                + "; " + switch (mode) {
                    case "start" -> "the server is stopped and will be started with them";
                    case "restart" -> "restart needed: " + String.join(", ", restartNeeded) + " (context postmaster)";
                    default -> "reload is enough: no changed parameter needs a restart";
                };
        List<Step> all = new ArrayList<>(steps.stage(desired));
        all.add(steps.activate(mode));
        return java.util.Optional.of(new PlannedChange(address.child("config"), Action.UPDATE,
                cause == null ? Cause.DRIFT : cause, why, attributes, List.of(), all));
    }

    /**
     * A configuration file's cause by {@link CauseRule}: its stamp records what provision last wrote, the
     * desired file's stamp what it would write now; a file without a stamp was never written by provision.
     */
    private static Cause fileCause(String actual, String desired) {
        return CauseRule.decide(Cause.DRIFT, Stamp.recorded(actual), Stamp.recorded(desired), !Stamp.intact(actual));
    }

    /** The parameter's context as the running server reports it, else as the shipped catalog knows it. */
    private static String context(String name, ServerState actual, int version) {
        String live = actual.contexts().get(name);
        if (live != null) {
            return live;
        }
        return ParameterCatalog.forVersion(version).flatMap(c -> c.lookup(name))
                .map(Parameter::context).map(Parameter.Context::pgName).orElse("postmaster");
    }

    /** Every collation and ctype a database of this server declares, except the built-in C and POSIX ones. */
    public static List<String> locales(Container container) {
        Set<String> locales = new LinkedHashSet<>();
        for (Database db : container.postgres().databases().values()) {
            for (String l : new String[] {db.collation(), db.ctype()}) {
                if (l != null && !l.equalsIgnoreCase("C") && !l.equalsIgnoreCase("POSIX") && !l.toUpperCase().startsWith("C.")) {
                    locales.add(l);
                }
            }
        }
        return List.copyOf(locales);
    }
}

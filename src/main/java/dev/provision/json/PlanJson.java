package dev.provision.json;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
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
import java.util.ArrayList;
import java.util.List;

/**
 * Turns a {@link Plan} into the JSON of {@code schema/plan.schema.json} and back. Steps are written
 * as displayed; with {@code executable} they also carry what apply runs (argument vectors, standard
 * input, file contents, SQL), which never includes a secret value: a password step names its
 * secret reference only.
 */
public final class PlanJson {
    /** The version of the JSON format; the major number changes when a consumer could break. */
    public static final String FORMAT_VERSION = "1.3";

    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

    private PlanJson() {}

    /** The changes, unmanaged notes and summary counts of {@code plan}. */
    public static ObjectNode toJson(Plan plan, boolean executable) {
        ObjectNode node = JSON.objectNode();
        ArrayNode changes = node.putArray("changes");
        plan.changes().forEach(change -> changes.add(change(change, executable, true)));
        ArrayNode unmanaged = node.putArray("unmanaged");
        plan.unmanaged().forEach(unmanaged::add);
        ArrayNode foreign = node.putArray("unmanaged_resources");
        plan.foreign().forEach(f -> foreign.addObject().put("address", f.address().path()).put("kind", f.kind()));
        ObjectNode summary = node.putObject("summary");
        summary.put("add", plan.count(Action.CREATE) + plan.count(Action.REPLACE));
        summary.put("change", plan.count(Action.UPDATE));
        summary.put("destroy", plan.count(Action.DELETE) + plan.count(Action.REPLACE));
        summary.put("replace", plan.count(Action.REPLACE));
        summary.put("read", plan.count(Action.READ));
        summary.put("has_changes", plan.hasChanges());
        return node;
    }

    /**
     * What apply would execute for each change, without source positions: two plans with equal
     * fingerprints run the same steps on the same resources.
     */
    public static JsonNode fingerprint(Plan plan) {
        ArrayNode changes = JSON.arrayNode();
        plan.changes().forEach(change -> changes.add(change(change, true, false)));
        ObjectNode node = JSON.objectNode();
        node.set("changes", changes);
        ArrayNode unmanaged = node.putArray("unmanaged");
        plan.unmanaged().forEach(unmanaged::add);
        return node;
    }

    /** Reads back a plan written with {@code executable}; throws {@link PlanFileInvalid} on anything else. */
    public static Plan fromJson(JsonNode node) {
        List<PlannedChange> changes = new ArrayList<>();
        for (JsonNode change : array(node, "changes")) {
            changes.add(change(change));
        }
        List<String> unmanaged = new ArrayList<>();
        array(node, "unmanaged").forEach(n -> unmanaged.add(n.asText()));
        List<dev.provision.plan.UnmanagedResource> foreign = new ArrayList<>();
        node.path("unmanaged_resources").forEach(n -> foreign.add(new dev.provision.plan.UnmanagedResource(
                new ResourceAddress(n.path("address").asText()), n.path("kind").asText())));
        return new Plan(changes, unmanaged, foreign);
    }

    /** The JSON name of an action: create, update, replace or delete. */
    public static String name(Action action) {
        return action.name().toLowerCase();
    }

    static ObjectNode change(PlannedChange change, boolean executable, boolean positions) {
        ObjectNode node = JSON.objectNode();
        node.put("address", change.address().path());
        node.put("action", name(change.action()));
        node.put("symbol", change.action().symbol());
        node.put("cause", change.cause().name().toLowerCase());
        node.put("summary", change.summary());
        ArrayNode attributes = node.putArray("attributes");
        for (AttributeChange attribute : change.attributes()) {
            ObjectNode a = attributes.addObject();
            a.put("name", attribute.name());
            a.put("before", attribute.before());
            a.put("after", attribute.after());
        }
        ArrayNode hazards = node.putArray("hazards");
        for (Hazard hazard : change.hazards()) {
            hazards.addObject().put("kind", hazard.kind()).put("description", hazard.description()).put("statement", hazard.statement());
        }
        ArrayNode steps = node.putArray("steps");
        for (Step step : change.steps()) {
            ObjectNode s = steps.addObject();
            s.put("type", type(step));
            s.put("host", step.host());
            s.put("display", step.display());
            if (executable) {
                s.set("exec", exec(step, positions));
            }
        }
        return node;
    }

    private static String type(Step step) {
        if (step instanceof Step.Run) {
            return "run";
        } else if (step instanceof Step.Upload) {
            return "upload";
        } else if (step instanceof Step.Sql) {
            return "sql";
        } else if (step instanceof Step.SetPassword) {
            return "set_password";
        } else if (step instanceof Step.BootstrapAdmin) {
            return "bootstrap_admin";
        } else if (step instanceof Step.RunWithSecret) {
            return "run_with_secret";
        }
        throw new IllegalArgumentException("unknown step " + step.getClass());
    }

    private static ObjectNode exec(Step step, boolean positions) {
        ObjectNode node = JSON.objectNode();
        if (step instanceof Step.Run run) {
            ArrayNode argv = node.putArray("argv");
            run.argv().forEach(argv::add);
            node.put("stdin", run.stdin());
            if (run.timeout() == null) {
                node.putNull("timeout_ms");
            } else {
                node.put("timeout_ms", run.timeout().toMillis());
            }
            node.put("show_output", run.showOutput());
        } else if (step instanceof Step.Upload upload) {
            node.put("path", upload.path());
            node.put("content", upload.content());
            node.put("mode", upload.mode());
        } else if (step instanceof Step.Sql sql) {
            node.put("container", sql.container());
            node.put("database", sql.database());
            ArrayNode statements = node.putArray("statements");
            sql.statements().forEach(statements::add);
            node.put("transactional", sql.transactional());
            node.put("records", sql.records());
        } else if (step instanceof Step.SetPassword password) {
            node.put("container", password.container());
            node.put("role", password.role());
            ObjectNode secret = node.putObject("secret");
            secret.put("kind", password.secret().kind().name().toLowerCase());
            secret.put("name", password.secret().name());
            secret.put("generate", password.secret().generate());
            if (positions) {
                SourceRange at = password.secret().at();
                secret.put("file", at.file() == null ? null : at.file().toString());
                secret.put("line", at.line());
                secret.put("column", at.column());
            }
        } else if (step instanceof Step.RunWithSecret run) {
            ArrayNode argv = node.putArray("argv");
            run.argv().forEach(argv::add);
            node.put("before", run.before());
            node.put("after", run.after());
            node.set("secret", secret(run.secret(), positions));
            node.put("timeout_ms", run.timeout().toMillis());
        } else if (step instanceof Step.BootstrapAdmin admin) {
            node.put("container", admin.container());
            node.put("version", admin.version());
        }
        return node;
    }

    private static PlannedChange change(JsonNode node) {
        List<AttributeChange> attributes = new ArrayList<>();
        for (JsonNode a : array(node, "attributes")) {
            attributes.add(new AttributeChange(text(a, "name"), nullableText(a, "before"), nullableText(a, "after")));
        }
        List<Hazard> hazards = new ArrayList<>();
        for (JsonNode h : array(node, "hazards")) {
            hazards.add(new Hazard(text(h, "kind"), text(h, "description"), nullableText(h, "statement")));
        }
        List<Step> steps = new ArrayList<>();
        for (JsonNode s : array(node, "steps")) {
            steps.add(step(s));
        }
        return new PlannedChange(new ResourceAddress(text(node, "address")), enumValue(Action.class, text(node, "action")),
                enumValue(Cause.class, text(node, "cause")), text(node, "summary"), attributes, hazards, steps);
    }

    private static Step step(JsonNode node) {
        String host = text(node, "host");
        JsonNode exec = node.get("exec");
        if (exec == null || !exec.isObject()) {
            throw new PlanFileInvalid("a step has no \"exec\": this is plan output, not a plan file written by plan --out");
        }
        return switch (text(node, "type")) {
            case "run" -> {
                List<String> argv = new ArrayList<>();
                array(exec, "argv").forEach(a -> argv.add(a.asText()));
                JsonNode timeout = exec.get("timeout_ms");
                yield new Step.Run(host, argv, nullableText(exec, "stdin"),
                        timeout == null || timeout.isNull() ? null : Duration.ofMillis(timeout.asLong()),
                        text(node, "display"), exec.path("show_output").asBoolean(false));
            }
            case "upload" -> new Step.Upload(host, text(exec, "path"), text(exec, "content"), exec.path("mode").asInt(0600));
            case "sql" -> {
                List<String> statements = new ArrayList<>();
                array(exec, "statements").forEach(s -> statements.add(s.asText()));
                yield new Step.Sql(host, text(exec, "container"), nullableText(exec, "database"), statements,
                        exec.path("transactional").asBoolean(true), exec.path("records").asInt(0));
            }
            case "set_password" -> {
                JsonNode secret = exec.path("secret");
                String file = nullableText(secret, "file");
                SourceRange at = new SourceRange(file == null ? null : Path.of(file), secret.path("line").asInt(0),
                        secret.path("column").asInt(0));
                yield new Step.SetPassword(host, text(exec, "container"), text(exec, "role"),
                        new SecretRef(at, enumValue(SecretRef.Kind.class, text(secret, "kind")), text(secret, "name"),
                                secret.path("generate").asBoolean(false)));
            }
            case "bootstrap_admin" -> new Step.BootstrapAdmin(host, text(exec, "container"), exec.path("version").asInt());
            case "run_with_secret" -> {
                List<String> argv = new ArrayList<>();
                array(exec, "argv").forEach(a -> argv.add(a.asText()));
                yield new Step.RunWithSecret(host, argv, text(exec, "before"), secretRef(exec.path("secret")),
                        text(exec, "after"), Duration.ofMillis(exec.path("timeout_ms").asLong()), text(node, "display"));
            }
            default -> throw new PlanFileInvalid("unknown step type \"" + text(node, "type") + "\"");
        };
    }

    private static ObjectNode secret(SecretRef ref, boolean positions) {
        ObjectNode secret = JSON.objectNode();
        secret.put("kind", ref.kind().name().toLowerCase());
        secret.put("name", ref.name());
        secret.put("generate", ref.generate());
        if (positions) {
            SourceRange at = ref.at();
            secret.put("file", at.file() == null ? null : at.file().toString());
            secret.put("line", at.line());
            secret.put("column", at.column());
        }
        return secret;
    }

    private static SecretRef secretRef(JsonNode secret) {
        String file = nullableText(secret, "file");
        SourceRange at = new SourceRange(file == null ? null : Path.of(file), secret.path("line").asInt(0),
                secret.path("column").asInt(0));
        return new SecretRef(at, enumValue(SecretRef.Kind.class, text(secret, "kind")), text(secret, "name"),
                secret.path("generate").asBoolean(false));
    }

    private static Iterable<JsonNode> array(JsonNode node, String field) {
        JsonNode value = node.get(field);
        if (value == null || !value.isArray()) {
            throw new PlanFileInvalid("\"" + field + "\" is missing or not a list");
        }
        return value;
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        if (value == null || !value.isTextual()) {
            throw new PlanFileInvalid("\"" + field + "\" is missing or not a string");
        }
        return value.asText();
    }

    private static String nullableText(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value == null || value.isNull() ? null : value.asText();
    }

    private static <E extends Enum<E>> E enumValue(Class<E> type, String name) {
        try {
            return Enum.valueOf(type, name.toUpperCase());
        } catch (IllegalArgumentException e) {
            throw new PlanFileInvalid("unknown " + type.getSimpleName().toLowerCase() + " \"" + name + "\"");
        }
    }
}

package dev.provision.incus;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.provision.transport.CommandResult;
import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The Incus REST API as provision uses it: synchronous requests, background operations waited on,
 * exec with recorded output, and the file API.
 *
 * <p>Every request is scoped to one project. Request bodies may carry secrets (file contents) and are
 * never logged; messages name the server, the method and the path only.
 */
public final class IncusClient implements AutoCloseable {
    static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(30);
    private static final Duration OPERATION_POLL = Duration.ofSeconds(30);

    private final IncusWire wire;
    private final String project;

    IncusClient(IncusWire wire, String project) {
        this.wire = wire;
        this.project = project;
    }

    /**
     * A client for {@code endpoint} in {@code project}: HTTPS with {@code identity}, or the Unix socket
     * (where {@code identity} is not used and may be {@code null}).
     */
    public static IncusClient connect(IncusEndpoint endpoint, ClientIdentity identity, String project) {
        if (endpoint instanceof IncusEndpoint.Https https) {
            return new IncusClient(new HttpsWire(https, identity), project);
        }
        return new IncusClient(new UnixSocketWire((IncusEndpoint.Socket) endpoint), project);
    }

    /** Where this client's requests go, for messages. */
    public String describe() {
        return wire.describe();
    }

    /** The project every request is scoped to. */
    public String project() {
        return project;
    }

    /** {@code GET /1.0}: the server's environment and whether it trusts this client ({@code auth}). */
    public JsonNode server() {
        return get("/1.0");
    }

    /** Whether the server trusts this client: {@code auth} is {@code trusted}. */
    public boolean trusted() {
        return "trusted".equals(server().path("auth").asText());
    }

    /** The metadata of a synchronous {@code GET}. */
    public JsonNode get(String path) {
        return call("GET", path, null);
    }

    /**
     * Sends {@code method path} with a JSON {@code body} (or none); a background operation is waited for
     * and its metadata returned, a synchronous answer's metadata is returned as is.
     *
     * @throws IncusException when the server refuses the request or the operation fails
     */
    public JsonNode call(String method, String path, JsonNode body) {
        byte[] bytes = null;
        Map<String, String> headers = new LinkedHashMap<>();
        if (body != null) {
            try {
                bytes = JSON.writeValueAsBytes(body);
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
            headers.put("Content-Type", "application/json");
        }
        JsonNode reply = envelope(method, path, wire.send(method, scoped(path), headers, bytes, REQUEST_TIMEOUT));
        if ("async".equals(reply.path("type").asText())) {
            return waitFor(reply.path("operation").asText(), method + " " + path, Duration.ofMinutes(10)).metadata();
        }
        return reply.path("metadata");
    }

    /**
     * Waits for the operation at {@code operationPath} to finish, at most {@code limit}.
     *
     * @throws IncusException when it fails, is cancelled, or is still running after {@code limit}
     */
    public Operation waitFor(String operationPath, String what, Duration limit) {
        Instant deadline = Instant.now().plus(limit);
        while (true) {
            long seconds = Math.max(1, Math.min(OPERATION_POLL.toSeconds(), Duration.between(Instant.now(), deadline).toSeconds()));
            JsonNode op;
            try {
                op = envelope("GET", operationPath, wire.send("GET", scoped(operationPath + "/wait?timeout=" + seconds),
                        Map.of(), null, Duration.ofSeconds(seconds + 15))).path("metadata");
            } catch (IncusException e) {
                // The wait itself timed out while the operation runs on (Incus answers 504 "context deadline exceeded").
                if (e.status() != 504 && !String.valueOf(e.getMessage()).contains("deadline exceeded")) {
                    throw e;
                }
                if (Instant.now().isAfter(deadline)) {
                    throw new IncusException(describe() + ": " + what + " is still running after " + limit.toSeconds()
                            + " s; it may finish on its own (incus operation list shows it)", e);
                }
                continue;
            }
            String status = op.path("status").asText();
            switch (status) {
                case "Success":
                    return new Operation(op.path("id").asText(), status, op.path("metadata"));
                case "Failure":
                case "Cancelled":
                    throw new IncusException(describe() + ": " + what + " failed: " + op.path("err").asText(status), 0, null);
                default:
                    if (Instant.now().isAfter(deadline)) {
                        throw new IncusException(describe() + ": " + what + " is still " + status + " after " + limit.toSeconds()
                                + " s; it may finish on its own (incus operation list shows it)");
                    }
            }
        }
    }

    /**
     * Runs {@code argv} in {@code instance} as root with {@code environment}, waits at most {@code timeout},
     * and returns its exit status and output (recorded by the server, then removed there).
     */
    public CommandResult exec(String instance, List<String> argv, Map<String, String> environment, Duration timeout) {
        ObjectNode body = JSON.createObjectNode();
        body.putPOJO("command", argv);
        body.putPOJO("environment", environment);
        body.put("wait-for-websocket", false);
        body.put("interactive", false);
        body.put("record-output", true);
        String path = instancePath(instance) + "/exec";
        JsonNode reply = envelope("POST", path, wire.send("POST", scoped(path), Map.of("Content-Type", "application/json"),
                bytes(body), REQUEST_TIMEOUT));
        Operation done = waitFor(reply.path("operation").asText(), "exec in " + instance, timeout);
        JsonNode output = done.metadata().path("output");
        String stdout = takeLog(output.path("1").asText(""));
        String stderr = takeLog(output.path("2").asText(""));
        return new CommandResult(done.metadata().path("return").asInt(-1), stdout, stderr);
    }

    /**
     * Starts {@code argv} in {@code instance} with its standard streams on websockets, not yet connected:
     * the returned operation's {@code fds} name a secret per stream ({@code 0}, {@code 1}, {@code 2},
     * {@code control}); the command starts once all are connected with {@link #stream}.
     */
    public ExecStreams execStreams(String instance, List<String> argv) {
        ObjectNode body = JSON.createObjectNode();
        body.putPOJO("command", argv);
        body.put("wait-for-websocket", true);
        body.put("interactive", false);
        body.put("record-output", false);
        String path = instancePath(instance) + "/exec";
        JsonNode reply = envelope("POST", path, wire.send("POST", scoped(path), Map.of("Content-Type", "application/json"),
                bytes(body), REQUEST_TIMEOUT));
        JsonNode fds = reply.path("metadata").path("metadata").path("fds");
        return new ExecStreams(reply.path("operation").asText(), fds.path("0").asText(), fds.path("1").asText(),
                fds.path("2").asText(), fds.path("control").asText());
    }

    /** Connects to one stream of an operation started by {@link #execStreams}. */
    public java.net.http.WebSocket stream(String operationPath, String secret, java.net.http.WebSocket.Listener listener) {
        return wire.websocket(scoped(operationPath + "/websocket?secret=" + encode(secret)), listener, Duration.ofSeconds(15));
    }

    private String takeLog(String logPath) {
        if (logPath.isEmpty()) {
            return "";
        }
        WireResponse response = wire.send("GET", scoped(logPath), Map.of(), null, REQUEST_TIMEOUT);
        if (response.status() != 200) {
            envelope("GET", logPath, response);
        }
        wire.send("DELETE", scoped(logPath), Map.of(), null, REQUEST_TIMEOUT);
        return new String(response.body(), StandardCharsets.UTF_8);
    }

    /** Writes {@code content} to {@code path} in {@code instance} (replacing it) with {@code mode}, owned by uid/gid. */
    public void pushFile(String instance, String path, byte[] content, int mode, int uid, int gid) {
        String request = instancePath(instance) + "/files?path=" + encode(path);
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Content-Type", "application/octet-stream");
        headers.put("X-Incus-type", "file");
        headers.put("X-Incus-mode", String.format("%04o", mode));
        headers.put("X-Incus-uid", String.valueOf(uid));
        headers.put("X-Incus-gid", String.valueOf(gid));
        headers.put("X-Incus-write", "overwrite");
        envelope("POST", instancePath(instance) + "/files", wire.send("POST", scoped(request), headers, content, REQUEST_TIMEOUT));
    }

    /** The bytes of the file at {@code path} in {@code instance}. */
    public byte[] pullFile(String instance, String path) {
        String request = instancePath(instance) + "/files?path=" + encode(path);
        WireResponse response = wire.send("GET", scoped(request), Map.of(), null, REQUEST_TIMEOUT);
        if (response.status() != 200) {
            envelope("GET", instancePath(instance) + "/files", response);
        }
        return response.body();
    }

    /** {@code /1.0/instances/NAME}, the name encoded. */
    public static String instancePath(String instance) {
        return "/1.0/instances/" + encode(instance);
    }

    static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
    }

    private String scoped(String path) {
        if (project == null || project.isEmpty() || project.equals("default")) {
            return path;
        }
        return path + (path.contains("?") ? "&" : "?") + "project=" + encode(project);
    }

    private static byte[] bytes(JsonNode body) {
        try {
            return JSON.writeValueAsBytes(body);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The parsed reply; an error reply becomes an {@link IncusException} naming the request. */
    private JsonNode envelope(String method, String path, WireResponse response) {
        JsonNode reply;
        try {
            reply = JSON.readTree(response.body());
        } catch (IOException e) {
            reply = null;
        }
        if (reply == null || !reply.isObject()) {
            throw new IncusException(describe() + ": " + method + " " + path + " answered HTTP " + response.status()
                    + " without an API reply", response.status(), null);
        }
        if ("error".equals(reply.path("type").asText()) || response.status() >= 400) {
            int code = reply.path("error_code").asInt(response.status());
            String error = reply.path("error").asText("HTTP " + response.status());
            String advice = code == 403 ? "; the server does not trust this client: add its certificate with a trust token"
                    + " (incus config trust add NAME on the server)" : "";
            throw new IncusException(describe() + ": " + method + " " + path + " failed: " + error + advice, code, null);
        }
        return reply;
    }

    @Override
    public void close() {
        wire.close();
    }
}

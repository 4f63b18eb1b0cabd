package dev.provision.incus;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Creates, starts, stops and deletes instances, and gives a new one its own identity before its first
 * start. Every call waits for the operation it starts.
 */
public final class Instances {
    private final IncusClient client;

    public Instances(IncusClient client) {
        this.client = client;
    }

    /**
     * Creates the instance {@code request} describes, stopped, with a {@code /etc/machine-id} of its own
     * (a copy of an image shares the image's otherwise), and returns the member it was placed on.
     */
    public String create(InstanceRequest request) {
        client.call("POST", request.path(), request.body());
        String machineId = UUID.randomUUID().toString().replace("-", "") + "\n";
        client.pushFile(request.name(), "/etc/machine-id", machineId.getBytes(StandardCharsets.US_ASCII), 0444, 0, 0);
        return location(request.name());
    }

    /** The member {@code name} is on ({@code none} on a standalone server). */
    public String location(String name) {
        return client.get(IncusClient.instancePath(name)).path("location").asText();
    }

    /** The instance's state ({@code status}, {@code network}...), or {@code null} when it does not exist. */
    public JsonNode state(String name) {
        try {
            return client.get(IncusClient.instancePath(name) + "/state");
        } catch (IncusException e) {
            if (e.notFound()) {
                return null;
            }
            throw e;
        }
    }

    /** Starts the instance and waits until systemd in it has finished booting (at most {@code limit}). */
    public void start(String name, Duration limit) {
        changeState(name, "start", false);
        client.exec(name, List.of("systemctl", "is-system-running", "--wait"), Map.of(), limit);
    }

    /** Stops the instance; {@code force} kills it at once (for a disk just synced). */
    public void stop(String name, boolean force) {
        changeState(name, "stop", force);
    }

    /** Deletes the instance, stopping it first; a missing one is not an error. */
    public void delete(String name) {
        JsonNode state = state(name);
        if (state == null) {
            return;
        }
        if (!"Stopped".equals(state.path("status").asText())) {
            stop(name, true);
        }
        client.call("DELETE", IncusClient.instancePath(name), null);
    }

    private void changeState(String name, String action, boolean force) {
        ObjectNode body = IncusClient.JSON.createObjectNode();
        body.put("action", action);
        body.put("timeout", 60);
        body.put("force", force);
        client.call("PUT", IncusClient.instancePath(name) + "/state", body);
    }
}

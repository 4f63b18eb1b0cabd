package dev.provision.incus;

import com.fasterxml.jackson.databind.JsonNode;

/** A finished Incus background operation: its final status and the metadata it returned. */
public record Operation(String id, String status, JsonNode metadata) {}

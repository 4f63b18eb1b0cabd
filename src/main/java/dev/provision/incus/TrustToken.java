package dev.provision.incus;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/**
 * A certificate-add token from {@code incus config trust add NAME}: the server's certificate
 * fingerprint, its addresses, and a one-time secret that lets one client certificate in.
 *
 * <p>The token is a secret until used: {@link #toString()} never shows it, and neither do messages.
 */
public final class TrustToken {
    private final String encoded;
    private final String clientName;
    private final String serverFingerprint;
    private final List<String> addresses;

    private TrustToken(String encoded, String clientName, String serverFingerprint, List<String> addresses) {
        this.encoded = encoded;
        this.clientName = clientName;
        this.serverFingerprint = serverFingerprint;
        this.addresses = List.copyOf(addresses);
    }

    /**
     * Decodes a token as {@code incus config trust add} prints it.
     *
     * @throws IllegalArgumentException when it is not such a token; the message does not repeat it
     */
    public static TrustToken decode(char[] token) {
        String encoded = new String(token).strip();
        JsonNode json;
        try {
            json = new ObjectMapper().readTree(Base64.getDecoder().decode(encoded));
        } catch (IllegalArgumentException | IOException e) {
            throw new IllegalArgumentException("the Incus trust token is not base64-encoded JSON; copy the whole line"
                    + " that `incus config trust add NAME` printed");
        }
        if (json == null || !json.path("secret").isTextual() || !json.path("fingerprint").isTextual()) {
            throw new IllegalArgumentException("the Incus trust token has no secret or fingerprint; it must come from"
                    + " `incus config trust add NAME` (a cluster join token does not work here)");
        }
        List<String> addresses = new ArrayList<>();
        json.path("addresses").forEach(address -> addresses.add(address.asText()));
        return new TrustToken(encoded, json.path("client_name").asText(""), IncusEndpoint.normalise(json.path("fingerprint").asText()),
                addresses);
    }

    /** The whole token as the server expects it back in {@code trust_token}. */
    String encoded() {
        return encoded;
    }

    /** The client name the token was made for. */
    public String clientName() {
        return clientName;
    }

    /** The SHA-256 fingerprint of the server certificate, lower-case hex: what provision pins. */
    public String serverFingerprint() {
        return serverFingerprint;
    }

    /** The addresses ({@code host:port}) the server listens on, as it sees them. */
    public List<String> addresses() {
        return addresses;
    }

    @Override
    public String toString() {
        return "TrustToken[client=" + clientName + ", server=" + serverFingerprint + "]";
    }
}

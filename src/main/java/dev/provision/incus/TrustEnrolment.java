package dev.provision.incus;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URI;

/**
 * Makes an Incus server trust provision's client certificate, once, with a token from
 * {@code incus config trust add NAME}.
 *
 * <p>The connection is pinned to the server fingerprint inside the token, so the token's secret only
 * ever goes to the server that made it. Enrolling a client the server already trusts does nothing and
 * does not use the token.
 */
public final class TrustEnrolment {
    private TrustEnrolment() {}

    /**
     * Ensures the server at {@code base} trusts {@code identity}, presenting {@code token} if it does not yet.
     *
     * @param expectedFingerprint the fingerprint the inventory pins, or {@code null} to take the token's
     * @return a client connected to the server, trusted
     * @throws IncusException when the token's fingerprint differs from the pinned one, the server refuses
     *     the token (used or expired), or the server still does not trust the certificate afterwards
     */
    public static IncusClient enrol(URI base, String expectedFingerprint, TrustToken token, ClientIdentity identity, String project) {
        String pinned = expectedFingerprint == null ? token.serverFingerprint() : IncusEndpoint.normalise(expectedFingerprint);
        if (!pinned.equals(token.serverFingerprint())) {
            throw new IncusException("the trust token was made by the server with certificate " + token.serverFingerprint()
                    + ", but the inventory pins " + pinned + " for " + base + "; make a token on that server, or fix the fingerprint");
        }
        IncusClient client = IncusClient.connect(new IncusEndpoint.Https(base, pinned), identity, project);
        if (client.trusted()) {
            return client;
        }
        ObjectNode body = IncusClient.JSON.createObjectNode();
        body.put("type", "client");
        body.put("name", token.clientName().isEmpty() ? "provision" : token.clientName());
        body.put("trust_token", token.encoded());
        try {
            client.call("POST", "/1.0/certificates", body);
        } catch (IncusException e) {
            throw new IncusException(client.describe() + " refused the trust token (" + e.getMessage().replace(client.describe() + ": ", "")
                    + "); tokens work once and may expire: make a new one with `incus config trust add NAME` on the server", e.status(), e);
        }
        if (!client.trusted()) {
            throw new IncusException(client.describe() + " accepted the token but still does not trust provision's certificate "
                    + identity.fingerprint() + "; check `incus config trust list` on the server");
        }
        return client;
    }
}

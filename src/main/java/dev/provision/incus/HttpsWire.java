package dev.provision.incus;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.security.GeneralSecurityException;
import java.time.Duration;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.TrustManager;

/** The Incus API over HTTPS with java.net.http: provision's client certificate, the server's certificate pinned. */
final class HttpsWire implements IncusWire {
    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(10);

    private final IncusEndpoint.Https endpoint;
    private final HttpClient client;

    HttpsWire(IncusEndpoint.Https endpoint, ClientIdentity identity) {
        this.endpoint = endpoint;
        this.client = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(CONNECT_TIMEOUT)
                .sslContext(sslContext(endpoint, identity))
                .build();
    }

    private static SSLContext sslContext(IncusEndpoint.Https endpoint, ClientIdentity identity) {
        try {
            KeyManagerFactory keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            keys.init(identity.keyStore(), identity.password());
            SSLContext context = SSLContext.getInstance("TLSv1.3");
            context.init(keys.getKeyManagers(), new TrustManager[] {new PinnedServerCertificate(endpoint.fingerprint())}, null);
            return context;
        } catch (GeneralSecurityException e) {
            throw new IncusException("cannot set up TLS for " + endpoint.describe() + ": " + e.getMessage(), e);
        }
    }

    @Override
    public WireResponse send(String method, String path, Map<String, String> headers, byte[] body, Duration timeout) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(endpoint.base().toString().replaceAll("/+$", "") + path))
                .timeout(timeout)
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofByteArray(body));
        headers.forEach(request::header);
        try {
            HttpResponse<byte[]> response = client.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
            Map<String, String> names = new HashMap<>();
            response.headers().map().forEach((name, values) -> names.put(name.toLowerCase(Locale.ROOT), String.join(",", values)));
            return new WireResponse(response.statusCode(), names, response.body());
        } catch (HttpTimeoutException e) {
            throw new IncusException(endpoint.describe() + " did not answer " + method + " " + path + " within " + timeout.toSeconds()
                    + " s; check that the server is up (incus admin waitready on it)", e);
        } catch (SSLHandshakeException e) {
            throw new IncusException("TLS with " + endpoint.describe() + " failed: " + rootMessage(e), e);
        } catch (IOException e) {
            throw new IncusException("cannot reach the Incus API at " + endpoint.describe() + " (" + rootMessage(e)
                    + "); check the address and that core.https_address is set on the server", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IncusException("interrupted while waiting for " + endpoint.describe(), e);
        }
    }

    @Override
    public java.net.http.WebSocket websocket(String path, java.net.http.WebSocket.Listener listener, Duration timeout) {
        URI uri = URI.create(endpoint.base().toString().replaceAll("/+$", "").replaceFirst("^https:", "wss:") + path);
        try {
            return client.newWebSocketBuilder().connectTimeout(timeout).buildAsync(uri, listener)
                    .get(timeout.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS);
        } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
            throw new IncusException("cannot open a stream on " + endpoint.describe() + " (" + rootMessage(e) + ")", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IncusException("interrupted while opening a stream on " + endpoint.describe(), e);
        }
    }

    private static String rootMessage(Throwable e) {
        Throwable cause = e;
        while (cause.getCause() != null && cause.getCause() != cause) {
            cause = cause.getCause();
        }
        return cause.getMessage() == null ? cause.getClass().getSimpleName() : cause.getMessage();
    }

    @Override
    public String describe() {
        return endpoint.describe();
    }

    @Override
    public void close() {
        // java.net.http's client in Java 17 has no close; its threads end when it is unreachable.
    }
}

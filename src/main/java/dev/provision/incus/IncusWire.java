package dev.provision.incus;

import java.time.Duration;
import java.util.Map;

/** Carries one HTTP request to the Incus API and brings back its response: HTTPS or the Unix socket. */
interface IncusWire extends AutoCloseable {

    /**
     * Sends {@code method path} with {@code body} (or none when {@code null}) and waits at most {@code timeout}.
     *
     * @param path the path and query, such as {@code /1.0/instances?recursion=1}, already encoded
     * @throws IncusException when the server cannot be reached or does not answer in time
     */
    WireResponse send(String method, String path, Map<String, String> headers, byte[] body, Duration timeout);

    /**
     * Opens a websocket on {@code path} (an operation's stream). Only HTTPS carries websockets here.
     *
     * @throws IncusException when this wire cannot, or the server refuses
     */
    java.net.http.WebSocket websocket(String path, java.net.http.WebSocket.Listener listener, Duration timeout);

    /** Where the requests go, for messages. */
    String describe();

    @Override
    void close();
}

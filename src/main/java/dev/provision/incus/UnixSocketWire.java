package dev.provision.incus;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The Incus API on its local Unix socket: one HTTP/1.1 exchange per connection ({@code Connection: close}).
 *
 * <p>java.net.http has no Unix-socket transport and no maintained Java HTTP client on the project's
 * dependency list has one, so the exchange is written here; {@link HttpMessageReader} parses the reply.
 * The socket itself is the authentication (root or the incus-admin group), so no certificate is used.
 */
final class UnixSocketWire implements IncusWire {
    private static final ScheduledExecutorService DEADLINES = Executors.newSingleThreadScheduledExecutor(task -> {
        Thread thread = new Thread(task, "incus-socket-deadline");
        thread.setDaemon(true);
        return thread;
    });

    private final IncusEndpoint.Socket endpoint;

    UnixSocketWire(IncusEndpoint.Socket endpoint) {
        this.endpoint = endpoint;
    }

    @Override
    public WireResponse send(String method, String path, Map<String, String> headers, byte[] body, Duration timeout) {
        AtomicBoolean expired = new AtomicBoolean();
        try (SocketChannel channel = SocketChannel.open(UnixDomainSocketAddress.of(endpoint.path()))) {
            ScheduledFuture<?> deadline = DEADLINES.schedule(() -> {
                expired.set(true);
                try {
                    channel.close();
                } catch (IOException ignored) {
                    // Closing is how the wait ends; nothing more to do.
                }
            }, timeout.toMillis(), TimeUnit.MILLISECONDS);
            try {
                write(channel, request(method, path, headers, body));
                return HttpMessageReader.read(readAll(channel));
            } finally {
                deadline.cancel(false);
            }
        } catch (IOException e) {
            if (expired.get()) {
                throw new IncusException(describe() + " did not answer " + method + " " + path + " within "
                        + timeout.toSeconds() + " s; check that incusd is running", e);
            }
            throw new IncusException("cannot talk to the Incus socket " + endpoint.path() + " (" + e.getMessage()
                    + "); check that incusd runs and that this user may use the socket (root or the incus-admin group)", e);
        }
    }

    private static byte[] request(String method, String path, Map<String, String> headers, byte[] body) {
        StringBuilder head = new StringBuilder()
                .append(method).append(' ').append(path).append(" HTTP/1.1\r\n")
                .append("Host: incus\r\n")
                .append("Connection: close\r\n")
                .append("Content-Length: ").append(body == null ? 0 : body.length).append("\r\n");
        headers.forEach((name, value) -> {
            if (name.indexOf('\r') >= 0 || name.indexOf('\n') >= 0 || value.indexOf('\r') >= 0 || value.indexOf('\n') >= 0) {
                throw new IllegalArgumentException("a header must not contain a line break: " + name);
            }
            head.append(name).append(": ").append(value).append("\r\n");
        });
        head.append("\r\n");
        byte[] start = head.toString().getBytes(StandardCharsets.UTF_8);
        if (body == null || body.length == 0) {
            return start;
        }
        byte[] all = new byte[start.length + body.length];
        System.arraycopy(start, 0, all, 0, start.length);
        System.arraycopy(body, 0, all, start.length, body.length);
        return all;
    }

    private static void write(SocketChannel channel, byte[] bytes) throws IOException {
        ByteBuffer buffer = ByteBuffer.wrap(bytes);
        while (buffer.hasRemaining()) {
            channel.write(buffer);
        }
    }

    private static byte[] readAll(SocketChannel channel) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteBuffer buffer = ByteBuffer.allocate(64 * 1024);
        while (channel.read(buffer) >= 0) {
            out.write(buffer.array(), 0, buffer.position());
            buffer.clear();
        }
        return out.toByteArray();
    }

    @Override
    public java.net.http.WebSocket websocket(String path, java.net.http.WebSocket.Listener listener, Duration timeout) {
        throw new IncusException("forwarding a port into an instance needs the HTTPS API (websockets); " + describe()
                + " is the Unix socket: give the host a url as well");
    }

    @Override
    public String describe() {
        return endpoint.describe();
    }

    @Override
    public void close() {
        // One connection per request: nothing stays open.
    }
}

package dev.provision.incus;

import dev.provision.transport.IoThreads;
import dev.provision.transport.PortForward;
import dev.provision.transport.TransportException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.http.WebSocket;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * A loopback port whose every connection is relayed into an instance through an exec stream: no SSH,
 * no proxy device, nothing listening on the member.
 *
 * <p>Each accepted connection starts {@code bash} in the instance, which opens
 * {@code /dev/tcp/HOST/PORT} and copies between it and its standard streams; the destination reaches
 * bash as positional parameters, never as shell text. Bytes travel as binary websocket messages on the
 * exec's stdin and stdout streams. Closing the forward closes every relayed connection.
 */
final class ExecStreamForward implements PortForward {
    /** Copies between the standard streams and a TCP connection to $0:$1, until either side ends. */
    static final String RELAY = "exec 3<>\"/dev/tcp/$0/$1\" || exit 1; cat <&3 & cat >&3; kill $! 2>/dev/null; wait";

    private final IncusClient client;
    private final String instance;
    private final String host;
    private final int port;
    private final ServerSocket listener;
    private final Set<Socket> open = ConcurrentHashMap.newKeySet();

    private ExecStreamForward(IncusClient client, String instance, String host, int port, ServerSocket listener) {
        this.client = client;
        this.instance = instance;
        this.host = host;
        this.port = port;
        this.listener = listener;
    }

    static ExecStreamForward start(IncusClient client, String instance, String host, int port) {
        try {
            ServerSocket listener = new ServerSocket();
            listener.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
            ExecStreamForward forward = new ExecStreamForward(client, instance, host, port, listener);
            IoThreads.pool().execute(forward::acceptLoop);
            return forward;
        } catch (IOException e) {
            throw new TransportException("cannot listen on loopback for a forward into " + instance + ": " + e.getMessage(), e);
        }
    }

    private void acceptLoop() {
        while (!listener.isClosed()) {
            try {
                Socket socket = listener.accept();
                open.add(socket);
                IoThreads.pool().execute(() -> relay(socket));
            } catch (IOException e) {
                return; // closed
            }
        }
    }

    private void relay(Socket socket) {
        try (socket) {
            ExecStreams streams = client.execStreams(instance, List.of("bash", "-c", RELAY, host, String.valueOf(port)));
            CompletableFuture<Void> remoteDone = new CompletableFuture<>();
            OutputStream toClient = socket.getOutputStream();
            WebSocket stdin = client.stream(streams.operation(), streams.stdin(), new Discard());
            client.stream(streams.operation(), streams.stdout(), new CopyTo(toClient, remoteDone));
            client.stream(streams.operation(), streams.stderr(), new Discard());
            client.stream(streams.operation(), streams.control(), new Discard());
            InputStream fromClient = socket.getInputStream();
            byte[] buffer = new byte[32 * 1024];
            IoThreads.pool().execute(() -> {
                try {
                    int n;
                    while ((n = fromClient.read(buffer)) >= 0) {
                        stdin.sendBinary(ByteBuffer.wrap(buffer, 0, n).asReadOnlyBuffer(), true).get(60, TimeUnit.SECONDS);
                    }
                } catch (Exception e) {
                    // The client or the stream ended; either way stdin closes below.
                } finally {
                    stdin.sendClose(WebSocket.NORMAL_CLOSURE, "");
                }
            });
            remoteDone.get();
        } catch (Exception e) {
            // A failed relay drops this connection only; the client sees it closed.
        } finally {
            open.remove(socket);
        }
    }

    @Override
    public int localPort() {
        return listener.getLocalPort();
    }

    @Override
    public void close() {
        try {
            listener.close();
        } catch (IOException ignored) {
            // Already closed.
        }
        for (Socket socket : open) {
            try {
                socket.close();
            } catch (IOException ignored) {
                // Already closed.
            }
        }
    }

    /** Writes every binary message to the client; completes {@code done} when the stream closes. */
    private static final class CopyTo implements WebSocket.Listener {
        private final OutputStream out;
        private final CompletableFuture<Void> done;

        CopyTo(OutputStream out, CompletableFuture<Void> done) {
            this.out = out;
            this.done = done;
        }

        @Override
        public CompletionStage<?> onBinary(WebSocket socket, ByteBuffer data, boolean last) {
            try {
                byte[] bytes = new byte[data.remaining()];
                data.get(bytes);
                out.write(bytes);
                out.flush();
            } catch (IOException e) {
                done.complete(null);
            }
            socket.request(1);
            return null;
        }

        @Override
        public CompletionStage<?> onClose(WebSocket socket, int status, String reason) {
            done.complete(null);
            return null;
        }

        @Override
        public void onError(WebSocket socket, Throwable error) {
            done.complete(null);
        }
    }

    /** Reads and drops whatever the stream sends. */
    private static final class Discard implements WebSocket.Listener {
        @Override
        public CompletionStage<?> onBinary(WebSocket socket, ByteBuffer data, boolean last) {
            socket.request(1);
            return null;
        }

        @Override
        public CompletionStage<?> onText(WebSocket socket, CharSequence data, boolean last) {
            socket.request(1);
            return null;
        }
    }
}

package dev.provision.transport.local;

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
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A loopback listener on an ephemeral port that relays each accepted connection to one
 * destination; closing it stops listening and drops the relayed connections.
 */
final class TcpRelay implements PortForward {

    private static final int CONNECT_TIMEOUT_MILLIS = 10_000;

    private final ServerSocket listener;
    private final String remoteHost;
    private final int remotePort;
    private final Set<Socket> open = ConcurrentHashMap.newKeySet();

    private TcpRelay(ServerSocket listener, String remoteHost, int remotePort) {
        this.listener = listener;
        this.remoteHost = remoteHost;
        this.remotePort = remotePort;
    }

    static TcpRelay start(String remoteHost, int remotePort) {
        try {
            ServerSocket listener = new ServerSocket();
            listener.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
            TcpRelay relay = new TcpRelay(listener, remoteHost, remotePort);
            IoThreads.pool().execute(relay::acceptLoop);
            return relay;
        } catch (IOException e) {
            throw new TransportException("local: cannot listen on a loopback port: " + e.getMessage(), e);
        }
    }

    @Override
    public int localPort() {
        return listener.getLocalPort();
    }

    @Override
    public void close() {
        closeQuietly(listener);
        open.forEach(TcpRelay::closeQuietly);
    }

    private void acceptLoop() {
        while (!listener.isClosed()) {
            try {
                Socket client = listener.accept();
                IoThreads.pool().execute(() -> relay(client));
            } catch (IOException e) {
                return; // closed
            }
        }
    }

    private void relay(Socket client) {
        Socket server = new Socket();
        open.add(client);
        open.add(server);
        AtomicInteger directionsLeft = new AtomicInteger(2);
        Runnable finished = () -> {
            if (directionsLeft.decrementAndGet() == 0) {
                closeQuietly(client);
                closeQuietly(server);
                open.remove(client);
                open.remove(server);
            }
        };
        try {
            server.connect(new InetSocketAddress(remoteHost, remotePort), CONNECT_TIMEOUT_MILLIS);
        } catch (IOException e) {
            directionsLeft.set(1);
            finished.run();
            return;
        }
        IoThreads.pool().execute(() -> pump(server, client, finished));
        pump(client, server, finished);
    }

    /** Copies until end of stream, then half-closes so that the other direction can finish. */
    private static void pump(Socket from, Socket to, Runnable finished) {
        try {
            InputStream in = from.getInputStream();
            OutputStream out = to.getOutputStream();
            in.transferTo(out);
            to.shutdownOutput();
        } catch (IOException e) {
            closeQuietly(from);
            closeQuietly(to);
        } finally {
            finished.run();
        }
    }

    private static void closeQuietly(AutoCloseable closeable) {
        try {
            closeable.close();
        } catch (Exception ignored) {
            // Closing is best effort.
        }
    }
}

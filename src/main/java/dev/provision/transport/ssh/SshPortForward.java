package dev.provision.transport.ssh;

import dev.provision.transport.IoThreads;
import dev.provision.transport.PortForward;

import net.schmizz.sshj.SSHClient;
import net.schmizz.sshj.connection.channel.direct.LocalPortForwarder;
import net.schmizz.sshj.connection.channel.direct.Parameters;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;

/**
 * A listening socket on an ephemeral loopback port whose every accepted connection becomes a
 * direct-tcpip channel on the SSH connection; only this machine can connect to it.
 */
final class SshPortForward implements PortForward {

    private final ServerSocket listener;
    private final LocalPortForwarder forwarder;
    private final Consumer<SshPortForward> onClose;
    private volatile Future<?> listening;

    private SshPortForward(ServerSocket listener, LocalPortForwarder forwarder, Consumer<SshPortForward> onClose) {
        this.listener = listener;
        this.forwarder = forwarder;
        this.onClose = onClose;
    }

    /** Starts listening at once, with the accept loop on a background thread. */
    static SshPortForward open(SSHClient client, String remoteHost, int remotePort, Consumer<SshPortForward> onClose)
            throws IOException {
        ServerSocket listener = new ServerSocket();
        try {
            listener.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
        } catch (IOException e) {
            listener.close();
            throw e;
        }
        Parameters parameters = new Parameters(
                listener.getInetAddress().getHostAddress(), listener.getLocalPort(), remoteHost, remotePort);
        SshPortForward forward = new SshPortForward(listener, client.newLocalPortForwarder(parameters, listener), onClose);
        forward.listening = IoThreads.pool().submit(() -> {
            forward.forwarder.listen();
            return null;
        });
        return forward;
    }

    @Override
    public int localPort() {
        return listener.getLocalPort();
    }

    /** Stops accepting connections; connections already forwarded end with the SSH connection. */
    @Override
    public void close() {
        onClose.accept(this);
        try {
            forwarder.close();
        } catch (IOException ignored) {
            // The listener is closed either way below.
        }
        try {
            listener.close();
        } catch (IOException ignored) {
            // Already closed.
        }
        Future<?> loop = listening;
        if (loop != null) {
            try {
                loop.get(5, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (ExecutionException | TimeoutException ignored) {
                // The accept loop ends with the closed socket; nothing else to wait for.
            }
        }
    }
}

package dev.provision.transport.local;

import dev.provision.transport.CommandResult;
import dev.provision.transport.FileModes;
import dev.provision.transport.IoThreads;
import dev.provision.transport.PortForward;
import dev.provision.transport.Transport;
import dev.provision.transport.TransportException;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Runs commands on this machine: the {@code transport: local} host, where the provisioner runs on
 * the LXC host itself.
 *
 * <p>Commands are started directly from their argument vector (no shell), so no argument is ever
 * interpreted. Safe to use from several threads.
 */
public final class LocalTransport implements Transport {

    /** How long a killed process gets to disappear before it is given up on. */
    private static final Duration KILL_GRACE = Duration.ofSeconds(5);

    /** The timeout of a command whose caller gives none. */
    public static final Duration DEFAULT_COMMAND_TIMEOUT = Duration.ofMinutes(10);

    @Override
    public String describe() {
        return "local";
    }

    @Override
    public CommandResult run(List<String> argv, byte[] stdin, Duration timeout) {
        if (argv.isEmpty()) {
            throw new IllegalArgumentException("a command needs at least a program name");
        }
        Duration limit = timeout != null ? timeout : DEFAULT_COMMAND_TIMEOUT;
        Process process;
        try {
            process = new ProcessBuilder(argv).start();
        } catch (IOException e) {
            throw new TransportException("local: cannot start " + argv.get(0) + ": " + e.getMessage(), e);
        }
        CompletableFuture<byte[]> stdout = drain(process.getInputStream());
        CompletableFuture<byte[]> stderr = drain(process.getErrorStream());
        CompletableFuture<Void> feeding = CompletableFuture.runAsync(() -> feed(process.getOutputStream(), stdin), IoThreads.pool());
        try {
            if (!process.waitFor(limit.toMillis(), TimeUnit.MILLISECONDS)) {
                process.descendants().forEach(ProcessHandle::destroyForcibly);
                process.destroyForcibly();
                process.waitFor(KILL_GRACE.toMillis(), TimeUnit.MILLISECONDS);
                throw new TransportException("local: " + argv.get(0) + " did not finish within "
                        + limit.toSeconds() + " s and was killed");
            }
            feeding.get(KILL_GRACE.toMillis(), TimeUnit.MILLISECONDS);
            return new CommandResult(process.exitValue(),
                    text(stdout.get(KILL_GRACE.toMillis(), TimeUnit.MILLISECONDS)),
                    text(stderr.get(KILL_GRACE.toMillis(), TimeUnit.MILLISECONDS)));
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new TransportException("local: interrupted while waiting for " + argv.get(0), e);
        } catch (ExecutionException | TimeoutException e) {
            throw new TransportException("local: lost the output of " + argv.get(0) + ": " + e.getMessage(), e);
        }
    }

    @Override
    public void upload(byte[] content, String path, int mode) {
        Path target = Path.of(path).toAbsolutePath();
        Path directory = target.getParent();
        Path temporary = null;
        try {
            // Created owner-only, so a secret is never readable by others, not even half written.
            temporary = Files.createTempFile(directory, "." + target.getFileName() + ".", ".provision-tmp",
                    PosixFilePermissions.asFileAttribute(FileModes.toPermissions(0600)));
            Files.write(temporary, content);
            Files.setPosixFilePermissions(temporary, FileModes.toPermissions(mode));
            Files.move(temporary, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            deleteQuietly(temporary);
            throw new TransportException("local: cannot replace " + target + " atomically: " + e.getMessage(), e);
        } catch (IOException e) {
            deleteQuietly(temporary);
            throw new TransportException("local: cannot write " + target + ": " + e.getMessage(), e);
        }
    }

    /**
     * Forwards to {@code remoteHost:remotePort} as seen from this machine. A loopback destination is
     * already reachable, so its own port is returned; any other goes through an in-process relay.
     */
    @Override
    public PortForward forward(String remoteHost, int remotePort) {
        if (isLoopback(remoteHost)) {
            return new DirectPort(remotePort);
        }
        return TcpRelay.start(remoteHost, remotePort);
    }

    @Override
    public void close() {
        // Nothing is held open between commands.
    }

    private static boolean isLoopback(String host) {
        try {
            return InetAddress.getByName(host).isLoopbackAddress();
        } catch (UnknownHostException e) {
            return false;
        }
    }

    private static CompletableFuture<byte[]> drain(InputStream stream) {
        return CompletableFuture.supplyAsync(() -> {
            try (stream) {
                ByteArrayOutputStream buffer = new ByteArrayOutputStream();
                stream.transferTo(buffer);
                return buffer.toByteArray();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }, IoThreads.pool());
    }

    private static void feed(OutputStream stream, byte[] stdin) {
        try (stream) {
            if (stdin != null) {
                stream.write(stdin);
            }
        } catch (IOException e) {
            // The program exited without reading all of its input; its exit status tells the story.
        }
    }

    private static String text(byte[] bytes) {
        return new String(bytes, StandardCharsets.UTF_8);
    }

    private static void deleteQuietly(Path path) {
        if (path != null) {
            try {
                Files.deleteIfExists(path);
            } catch (IOException ignored) {
                // Best effort: a leftover temporary file is harmless and visibly named.
            }
        }
    }

    /** A destination that is already on loopback: nothing to relay, nothing to close. */
    private record DirectPort(int localPort) implements PortForward {
        @Override
        public void close() {}
    }
}

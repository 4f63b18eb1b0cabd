package dev.provision.transport.ssh;

import dev.provision.transport.CommandResult;
import dev.provision.transport.FileModes;
import dev.provision.transport.IoThreads;
import dev.provision.transport.PortForward;
import dev.provision.transport.ShellQuoter;
import dev.provision.transport.Transport;
import dev.provision.transport.TransportException;

import net.schmizz.keepalive.KeepAliveProvider;
import net.schmizz.keepalive.KeepAliveRunner;
import net.schmizz.sshj.DefaultConfig;
import net.schmizz.sshj.SSHClient;
import net.schmizz.sshj.common.DisconnectReason;
import net.schmizz.sshj.common.SSHException;
import net.schmizz.sshj.connection.ConnectionException;
import net.schmizz.sshj.connection.channel.direct.DirectConnection;
import net.schmizz.sshj.connection.channel.direct.Session;
import net.schmizz.sshj.connection.channel.direct.Signal;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * One SSH connection to one host, reused for every command, upload and port forward.
 *
 * <p>Each command runs on its own session channel, so the transport is safe to use from several
 * threads; at most {@value #MAX_SESSIONS} commands run at once, below OpenSSH's default
 * {@code MaxSessions} of 10. The host key is checked against known_hosts before anything else
 * happens. Command input is never logged: it may carry secrets. Commands run under the host's
 * {@code timeout} (GNU coreutils), which kills them shortly after the caller's timeout.
 */
public final class SshTransport implements Transport {

    static final int MAX_SESSIONS = 8;

    /** How much longer than the caller the host waits before it kills a command itself. */
    private static final long REMOTE_GRACE_SECONDS = 2;

    /**
     * A keepalive request every {@value} s; after {@value #KEEPALIVE_MISSED} in a row go unanswered the
     * connection counts as lost. Without this, a host that vanishes from the network (no FIN, no RST)
     * leaves every command waiting for its own timeout, which is 20 minutes for a package install.
     */
    static final int KEEPALIVE_SECONDS = 15;

    /** Unanswered keepalive requests after which the connection counts as lost. */
    static final int KEEPALIVE_MISSED = 3;

    /** Replaces a file atomically: $1 temporary path, $2 octal mode, $3 target path; stdin is the content. */
    private static final String UPLOAD_SCRIPT =
            "set -e; umask 077; trap 'rm -f \"$1\"' EXIT; cat > \"$1\"; chmod \"$2\" \"$1\"; mv -fT \"$1\" \"$3\"";

    private static final SecureRandom RANDOM = new SecureRandom();

    private final SshSettings settings;
    private final SSHClient client;
    private final DirectConnection tunnel;
    private final Semaphore sessions = new Semaphore(MAX_SESSIONS, true);
    private final Set<SshPortForward> forwards = ConcurrentHashMap.newKeySet();
    private volatile SshTransport ownedJump;

    private SshTransport(SshSettings settings, SSHClient client, DirectConnection tunnel) {
        this.settings = settings;
        this.client = client;
        this.tunnel = tunnel;
    }

    /**
     * Connects, verifies the host key, authenticates with ssh-agent's keys or the identity file, and
     * with {@link SshSettings#sudo()} checks that {@code sudo -n} works.
     *
     * @throws TransportException with a message that says what failed and what to do; when the host
     *     key is unknown or changed, no session was opened
     */
    public static SshTransport connect(SshSettings settings) {
        String who = settings.describe();
        KnownHostsVerifier verifier;
        try {
            verifier = new KnownHostsVerifier(settings.knownHostsOrDefault(), settings.acceptNewHostKey());
        } catch (IOException e) {
            throw new TransportException(who + ": cannot read " + settings.knownHostsOrDefault() + ": " + e.getMessage(), e);
        }
        DefaultConfig config = new DefaultConfig();
        // Requests that the server must answer, unlike the default heartbeat, which never notices a dead host.
        config.setKeepAliveProvider(KeepAliveProvider.KEEP_ALIVE);
        SSHClient client = new SSHClient(config);
        client.addHostKeyVerifier(verifier);
        // Set before connecting: sshj starts the keepalive thread during connect only if an interval is set.
        client.getConnection().getKeepAlive().setKeepAliveInterval(KEEPALIVE_SECONDS);
        ((KeepAliveRunner) client.getConnection().getKeepAlive()).setMaxAliveCount(KEEPALIVE_MISSED);
        int connectMillis = Math.toIntExact(settings.connectTimeout().toMillis());
        client.setConnectTimeout(connectMillis);
        client.getTransport().setTimeoutMs(connectMillis);
        DirectConnection tunnel = null;
        try {
            if (settings.jump() == null) {
                client.connect(settings.address(), settings.port());
            } else {
                tunnel = settings.jump().client.newDirectConnection(settings.address(), settings.port());
                client.connectVia(tunnel);
            }
        } catch (IOException | RuntimeException e) {
            closeQuietly(client, tunnel);
            if (verifier.refusal() != null) {
                throw new TransportException(who + ": " + verifier.refusal());
            }
            throw new TransportException(who + ": cannot connect: " + describe(e)
                    + "; check the address and port, and that sshd runs there", e);
        }
        try {
            new KeyAuthenticator(settings).authenticate(client);
        } catch (RuntimeException e) {
            closeQuietly(client, tunnel);
            throw e;
        }
        SshTransport transport = new SshTransport(settings, client, tunnel);
        if (settings.sudo()) {
            try {
                transport.checkSudo();
            } catch (RuntimeException e) {
                transport.close();
                throw e;
            }
        }
        return transport;
    }

    /**
     * Fails at once, with what to configure, when {@code sudo} is missing, refuses the user or wants a
     * password: {@code sudo -n} never prompts, so a command would otherwise fail later and less clearly.
     */
    private void checkSudo() {
        CommandResult probe = run(List.of("true"), null, Duration.ofSeconds(30));
        if (probe.succeeded()) {
            return;
        }
        String said = probe.stderr().strip();
        if (probe.exitStatus() == 127 || said.contains("sudo: not found") || said.contains("sudo: command not found")) {
            throw new TransportException(describe() + ": sudo is not installed on the host, and user " + settings.user()
                    + " is not root; install sudo there (apt-get install sudo), or log in as root");
        }
        if (said.contains("password is required")) {
            throw new TransportException(describe() + ": sudo asks user " + settings.user() + " for a password, and"
                    + " provision runs sudo -n, which never prompts (" + said + "); allow the user sudo without a"
                    + " password (a line \"" + settings.user() + " ALL=(ALL) NOPASSWD: ALL\" in /etc/sudoers.d/), or log in as root");
        }
        throw new TransportException(describe() + ": user " + settings.user() + " cannot run commands as root with"
                + " sudo -n (exit " + probe.exitStatus() + ": " + said + "); allow the user sudo without a password"
                + " (NOPASSWD in /etc/sudoers.d/), or log in as root");
    }

    /** What each run starts on the host: the command under {@code timeout}, and under {@code sudo -n} when it applies. */
    private List<String> remoteCommand(List<String> argv, Duration limit) {
        List<String> guarded = withRemoteDeadline(argv, limit);
        if (!settings.sudo()) {
            return guarded;
        }
        // -n: never prompt, fail instead; -H: root's home; the timeout runs as root so that it can kill what it started.
        List<String> elevated = new ArrayList<>(guarded.size() + 4);
        elevated.addAll(List.of("sudo", "-n", "-H", "--"));
        elevated.addAll(guarded);
        return elevated;

    }

    @Override
    public String describe() {
        return settings.describe();
    }

    @Override
    public CommandResult run(List<String> argv, byte[] stdin, Duration timeout) {
        if (argv.isEmpty()) {
            throw new IllegalArgumentException("a command needs at least a program name");
        }
        String program = argv.get(0);
        Duration limit = timeout != null ? timeout : settings.commandTimeout();
        String commandLine = ShellQuoter.join(remoteCommand(argv, limit));
        long deadline = System.nanoTime() + limit.toNanos();
        acquireSession(program, limit, deadline);
        Session session;
        try {
            session = client.startSession();
        } catch (IOException | RuntimeException e) {
            sessions.release();
            if (!client.isConnected()) {
                throw new TransportException(describe() + ": cannot run " + program + ": " + lostConnection(), e);
            }
            throw new TransportException(describe() + ": cannot open a session for " + program + ": " + describe(e), e);
        }
        boolean abandoned = false;
        try {
            Session.Command command = session.exec(commandLine);
            Future<byte[]> stdout = IoThreads.pool().submit(() -> readAll(command.getInputStream()));
            Future<byte[]> stderr = IoThreads.pool().submit(() -> readAll(command.getErrorStream()));
            IoThreads.pool().execute(() -> feed(command.getOutputStream(), stdin));
            try {
                byte[] out = stdout.get(remaining(deadline), TimeUnit.NANOSECONDS);
                byte[] err = stderr.get(remaining(deadline), TimeUnit.NANOSECONDS);
                command.join(Math.max(1, remaining(deadline)), TimeUnit.NANOSECONDS);
                Integer status = command.getExitStatus();
                if (status == null) {
                    throw new TransportException(describe() + ": " + program + " ended without an exit status"
                            + (command.getExitSignal() != null ? " (killed by signal " + command.getExitSignal() + ")" : ""));
                }
                return new CommandResult(status, text(out), text(err));
            } catch (TimeoutException | ConnectionException e) {
                if (e instanceof ConnectionException && remaining(deadline) > 0) {
                    throw lost(program, e);
                }
                // Kill the remote process group and give up on the channel without waiting for it.
                signalQuietly(command);
                abandoned = true;
                throw new TransportException(describe() + ": " + program + " did not finish within "
                        + limit.toSeconds() + " s and was sent SIGKILL", e);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            abandoned = true;
            throw new TransportException(describe() + ": interrupted while running " + program, e);
        } catch (ExecutionException e) {
            throw lost(program, e.getCause());
        } catch (IOException e) {
            if (connectionLost(e)) {
                throw lost(program, e);
            }
            throw new TransportException(describe() + ": cannot run " + program + ": " + describe(e), e);
        } finally {
            if (abandoned) {
                IoThreads.pool().execute(() -> closeAndRelease(session));
            } else {
                closeAndRelease(session);
            }
        }
    }

    /**
     * Prefixes {@code timeout -s KILL} so that the host itself kills a command (and its process
     * group) shortly after the caller gave up on it: OpenSSH refuses SSH signal requests for root
     * sessions, and closing a channel without a terminal leaves its process running.
     */
    private static List<String> withRemoteDeadline(List<String> argv, Duration limit) {
        long seconds = limit.plusMillis(999).toSeconds() + REMOTE_GRACE_SECONDS;
        List<String> guarded = new ArrayList<>(argv.size() + 4);
        // Option parsing stops at the duration, so a program name starting with "-" is still a program.
        guarded.addAll(List.of("timeout", "-s", "KILL", seconds + "s"));
        guarded.addAll(argv);
        return guarded;
    }

    /** The failure of a command whose channel or connection broke while it ran. */
    private TransportException lost(String program, Throwable cause) {
        if (!connectionLost(cause)) {
            return new TransportException(describe() + ": lost the channel of " + program + ": " + describe(cause), cause);
        }
        return new TransportException(describe() + ": " + lostConnection() + " while " + program + " ran ("
                + describe(cause) + "); it may still be running on the host, or have stopped half-way", cause);
    }

    /**
     * True when the whole connection died, not just one channel. sshj tells the channels before it marks
     * itself closed, so a channel failure without a telling reason waits a moment for the connection's fate.
     */
    private boolean connectionLost(Throwable cause) {
        for (Throwable t = cause; t != null; t = t.getCause()) {
            if (t instanceof SSHException ssh && ssh.getDisconnectReason() == DisconnectReason.CONNECTION_LOST) {
                return true;
            }
        }
        if (client.isConnected()) {
            try {
                client.getTransport().join(2, TimeUnit.SECONDS);
            } catch (net.schmizz.sshj.transport.TransportException | RuntimeException e) {
                // Closed with an error, or still open when the wait ended: isConnected says which.
            }
        }
        return !client.isConnected();
    }

    private static String lostConnection() {
        return "the SSH connection is lost (the host stopped answering, or sshd or the network went down)";
    }

    /** Closes a session channel, which waits for the server's close, then frees its slot. */
    private void closeAndRelease(Session session) {
        try {
            session.close();
        } catch (IOException | RuntimeException ignored) {
            // The channel or the whole connection is gone already.
        } finally {
            sessions.release();
        }
    }

    @Override
    public void upload(byte[] content, String path, int mode) {
        if (!path.startsWith("/") || path.endsWith("/")) {
            throw new IllegalArgumentException("upload needs an absolute file path, not " + path);
        }
        int slash = path.lastIndexOf('/');
        String temporary = path.substring(0, slash + 1) + "." + path.substring(slash + 1) + ".provision-"
                + HexFormat.of().formatHex(randomBytes(6)) + ".tmp";
        CommandResult result = run(List.of("sh", "-c", UPLOAD_SCRIPT, "sh", temporary, FileModes.toOctal(mode), path),
                content, settings.commandTimeout());
        if (!result.succeeded()) {
            throw new TransportException(describe() + ": cannot write " + path + ": " + result.stderr().strip());
        }
    }

    @Override
    public PortForward forward(String remoteHost, int remotePort) {
        try {
            SshPortForward forward = SshPortForward.open(client, remoteHost, remotePort, forwards::remove);
            forwards.add(forward);
            return forward;
        } catch (IOException e) {
            throw new TransportException(describe() + ": cannot forward a loopback port to " + remoteHost + ":"
                    + remotePort + ": " + describe(e), e);
        }
    }

    /**
     * Makes {@link #close()} close the jump host's connection too, for a jump opened only for this
     * connection (a ProxyJump hop of the SSH config), and returns this transport.
     */
    public SshTransport owningJump() {
        ownedJump = settings.jump();
        return this;
    }

    /** Closes the port forwards, then the connection (and an owned jump host's); transports tunnelled through this one stop working. */
    @Override
    public void close() {
        List.copyOf(forwards).forEach(SshPortForward::close);
        closeQuietly(client, tunnel);
        SshTransport jump = ownedJump;
        if (jump != null) {
            jump.close();
        }
    }

    private void acquireSession(String program, Duration limit, long deadline) {
        try {
            if (!sessions.tryAcquire(remaining(deadline), TimeUnit.NANOSECONDS)) {
                throw new TransportException(describe() + ": " + program + " did not start within " + limit.toSeconds()
                        + " s: " + MAX_SESSIONS + " other commands were still running");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new TransportException(describe() + ": interrupted while waiting to run " + program, e);
        }
    }

    private static long remaining(long deadline) {
        return Math.max(0, deadline - System.nanoTime());
    }

    private static byte[] readAll(InputStream stream) throws IOException {
        ByteArrayOutputStream buffer = new ByteArrayOutputStream();
        stream.transferTo(buffer);
        return buffer.toByteArray();
    }

    /** Writes stdin, if any, then end-of-file, so that a program reading its input finishes. */
    private static void feed(OutputStream stream, byte[] stdin) {
        try (stream) {
            if (stdin != null) {
                stream.write(stdin);
                stream.flush();
            }
        } catch (IOException e) {
            // The program exited without reading all of its input; its exit status tells the story.
        }
    }

    private static void signalQuietly(Session.Command command) {
        try {
            command.signal(Signal.KILL);
        } catch (IOException | RuntimeException ignored) {
            // Servers may ignore signals; closing the channel is what matters.
        }
    }

    private static String text(byte[] bytes) {
        return new String(bytes, StandardCharsets.UTF_8);
    }

    private static byte[] randomBytes(int count) {
        byte[] bytes = new byte[count];
        RANDOM.nextBytes(bytes);
        return bytes;
    }

    private static String describe(Throwable e) {
        String message = e.getMessage();
        return message == null || message.isBlank() ? e.getClass().getSimpleName() : message;
    }

    private static void closeQuietly(SSHClient client, DirectConnection tunnel) {
        try {
            client.disconnect();
        } catch (IOException | RuntimeException ignored) {
            // Already gone.
        }
        if (tunnel != null) {
            try {
                tunnel.close();
            } catch (IOException | RuntimeException ignored) {
                // Already gone.
            }
        }
    }
}

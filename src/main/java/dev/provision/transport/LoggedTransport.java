package dev.provision.transport;

import java.io.PrintWriter;
import java.time.Duration;
import java.util.List;
import java.util.stream.Collectors;

/**
 * A transport that prints every command before running it, for {@code -v}. Standard input is never
 * printed (it may carry a secret or a whole file); inline scripts are shown by their first line.
 */
public final class LoggedTransport implements Transport {
    private final Transport delegate;
    private final PrintWriter log;

    public LoggedTransport(Transport delegate, PrintWriter log) {
        this.delegate = delegate;
        this.log = log;
    }

    /** The transport this one logs for (a jump host needs the real SSH connection). */
    public Transport delegate() {
        return delegate;
    }

    @Override
    public String describe() {
        return delegate.describe();
    }

    @Override
    public CommandResult run(List<String> argv, byte[] stdin, Duration timeout) {
        log.println("$ [" + delegate.describe() + "] " + render(argv) + (stdin == null ? "" : " <<< (" + stdin.length + " bytes)"));
        log.flush();
        CommandResult result = delegate.run(argv, stdin, timeout);
        if (!result.succeeded()) {
            log.println("  exit " + result.exitStatus());
            log.flush();
        }
        return result;
    }

    @Override
    public void upload(byte[] content, String path, int mode) {
        log.println("$ [" + delegate.describe() + "] write " + path + " (" + content.length + " bytes, mode "
                + Integer.toOctalString(mode) + ")");
        log.flush();
        delegate.upload(content, path, mode);
    }

    @Override
    public PortForward forward(String remoteHost, int remotePort) {
        PortForward forward = delegate.forward(remoteHost, remotePort);
        log.println("$ [" + delegate.describe() + "] forward 127.0.0.1:" + forward.localPort() + " -> " + remoteHost + ":" + remotePort);
        log.flush();
        return forward;
    }

    @Override
    public void close() {
        delegate.close();
    }

    static String render(List<String> argv) {
        return argv.stream().map(arg -> {
            if (arg.contains("\n")) {
                String first = arg.lines().findFirst().orElse("").strip();
                return "'<script: " + first + " ...>'";
            }
            return ShellQuoter.quote(arg);
        }).collect(Collectors.joining(" "));
    }
}

package dev.provision.incus;

import dev.provision.transport.CommandResult;
import dev.provision.transport.PortForward;
import dev.provision.transport.Transport;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

/**
 * Commands and files inside one Incus instance through the REST API: exec with recorded output and the
 * file API, with no SSH and no agent in the instance.
 *
 * <p>Exec without websockets takes no standard input, so input is pushed as a file readable by root only
 * in {@code /run}, fed to the command by {@code sh}, and removed whatever the command does; the command's
 * arguments reach {@code sh} as positional parameters, never as shell text.
 */
public final class InstanceTransport implements Transport {
    static final Duration DEFAULT_TIMEOUT = Duration.ofMinutes(10);
    private static final SecureRandom RANDOM = new SecureRandom();
    /** Reads its input file, removes it, then runs the rest of its arguments with that input. */
    private static final String WITH_INPUT = "exec 0<\"$1\" && rm -f \"$1\" && shift && exec \"$@\"";

    private final IncusClient client;
    private final String instance;

    public InstanceTransport(IncusClient client, String instance) {
        this.client = client;
        this.instance = instance;
    }

    @Override
    public String describe() {
        return instance + " on " + client.describe();
    }

    @Override
    public CommandResult run(List<String> argv, byte[] stdin, Duration timeout) {
        Duration limit = timeout == null ? DEFAULT_TIMEOUT : timeout;
        if (stdin == null) {
            return client.exec(instance, argv, Map.of(), limit);
        }
        String input = "/run/provision-input-" + HexFormat.of().formatHex(randomBytes());
        client.pushFile(instance, input, stdin, 0600, 0, 0);
        List<String> wrapped = new ArrayList<>(List.of("sh", "-c", WITH_INPUT, "sh", input));
        wrapped.addAll(argv);
        try {
            return client.exec(instance, wrapped, Map.of(), limit);
        } finally {
            client.exec(instance, List.of("rm", "-f", input), Map.of(), Duration.ofSeconds(30));
        }
    }

    /** Writes the file beside its target under a temporary name, then renames it over the target. */
    @Override
    public void upload(byte[] content, String path, int mode) {
        String temporary = path + ".provision-" + HexFormat.of().formatHex(randomBytes());
        client.pushFile(instance, temporary, content, mode, 0, 0);
        CommandResult moved = client.exec(instance, List.of("mv", "-f", "--", temporary, path), Map.of(), Duration.ofSeconds(60));
        if (!moved.succeeded()) {
            client.exec(instance, List.of("rm", "-f", "--", temporary), Map.of(), Duration.ofSeconds(30));
            throw new IncusException(describe() + ": cannot put " + path + " in place: " + moved.stderr().strip());
        }
    }

    @Override
    public PortForward forward(String remoteHost, int remotePort) {
        return ExecStreamForward.start(client, instance, remoteHost, remotePort);
    }

    @Override
    public void close() {
        // The client belongs to the host connection, which closes it.
    }

    private static byte[] randomBytes() {
        byte[] bytes = new byte[8];
        RANDOM.nextBytes(bytes);
        return bytes;
    }
}

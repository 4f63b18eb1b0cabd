package dev.provision.incus;

import dev.provision.transport.CommandResult;
import dev.provision.transport.PortForward;
import dev.provision.transport.Transport;
import dev.provision.transport.TransportException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The connection to an Incus server or cluster, as the engine's steps see a host: an Incus host runs no
 * commands of its own, so every command is addressed to one of its instances with
 * {@link #execArgv} ({@code provision-incus-exec NAME -- ARGV...}) and goes through the REST API's exec;
 * files and forwards reach instances the same way ({@link InstanceTransport}).
 */
public final class IncusHostTransport implements Transport {
    /** The first word of a command addressed to an instance; never a program that runs anywhere. */
    public static final String EXEC = "provision-incus-exec";

    private final IncusClient client;

    public IncusHostTransport(IncusClient client) {
        this.client = client;
    }

    /** The command that runs {@code argv} inside {@code instance} when given to {@link #run}. */
    public static List<String> execArgv(String instance, List<String> argv) {
        List<String> full = new ArrayList<>(List.of(EXEC, instance, "--"));
        full.addAll(argv);
        return full;
    }

    /** The transport into one instance. */
    public InstanceTransport instance(String name) {
        return new InstanceTransport(client, name);
    }

    @Override
    public String describe() {
        return client.describe();
    }

    @Override
    public CommandResult run(List<String> argv, byte[] stdin, Duration timeout) {
        if (argv.size() < 3 || !EXEC.equals(argv.get(0)) || !"--".equals(argv.get(2))) {
            throw new TransportException(describe() + " is an Incus server: it runs commands only inside its instances,"
                    + " not " + (argv.isEmpty() ? "an empty command" : argv.get(0)) + " (a backend bug: use IncusHostTransport.execArgv)");
        }
        return instance(argv.get(1)).run(argv.subList(3, argv.size()), stdin, timeout);
    }

    /** An Incus host has no files of its own for provision: uploads go into instances. */
    @Override
    public void upload(byte[] content, String path, int mode) {
        throw new TransportException(describe() + " is an Incus server: files go into its instances (InstanceTransport.upload), not "
                + path + " on the server");
    }

    /** Forwards to {@code port} of the instance named {@code remoteHost} (an instance name, not an address). */
    @Override
    public PortForward forward(String remoteHost, int remotePort) {
        return instance(remoteHost).forward("127.0.0.1", remotePort);
    }

    @Override
    public void close() {
        client.close();
    }
}

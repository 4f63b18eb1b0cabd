package dev.provision.cli;

import dev.provision.engine.Engine;
import dev.provision.apply.lock.LockScope;
import dev.provision.apply.lock.LockSurvey;
import dev.provision.resource.database.DatabaseDriver;
import dev.provision.backend.ContainerBackend;
import dev.provision.driver.ResourceDriver;
import dev.provision.resource.lxc.LxcBackend;
import dev.provision.resource.pgserver.ServerPackages;
import java.util.ArrayList;
import dev.provision.resource.pgserver.PgServerDriver;
import dev.provision.resource.schema.SchemaObjects;
import dev.provision.secret.SecretResolver;
import dev.provision.connect.TransportFactory;
import dev.provision.inventory.Host;
import dev.provision.transport.LoggedTransport;
import dev.provision.transport.local.LocalTransport;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.Function;

/** Assembles the engine from its drivers and transports; the one place that knows every implementation. */
final class Wiring {
    private Wiring() {}

    /**
     * @param baseDir the inventory's directory, which SQL file paths are relative to
     * @param owner what this run's locks say of it
     * @param notes told what the user should know of while planning (other runs' locks, leftovers removed)
     * @param unlockCommand the exact command that releases a lock by force
     */
    static Engine engine(List<ContainerBackend> backends, Path baseDir, String owner, Consumer<String> notes,
            Function<LockScope, String> unlockCommand) {
        // -Dprovision.readAhead=false (JAVA_TOOL_OPTIONS) makes every read through admin sessions, for diagnosis
        DatabaseDriver databases = new DatabaseDriver(new SecretResolver(), new SchemaObjects(baseDir, notes),
                !"false".equals(System.getProperty("provision.readAhead")), PgServerDriver::probe);
        // each server's probe makes the database driver's reads too: one psql session per server and plan;
        // the lock survey's read joins each host's probes
        List<ResourceDriver> drivers = new ArrayList<>();
        drivers.add(new LockSurvey(owner, notes, unlockCommand));
        drivers.addAll(backends);
        drivers.add(new PgServerDriver(databases));
        drivers.add(databases);
        return new Engine(drivers);
    }

    /** The container backends, each with what the resource kinds need in its prepared bases (the server's packages). */
    static List<ContainerBackend> backends() {
        return List.of(new LxcBackend(List.of(new ServerPackages())));
    }

    /** The backend of {@code host}, whose way into its containers every kind above the container uses. */
    static ContainerBackend backend(List<ContainerBackend> backends, Host host) {
        return backends.stream().filter(backend -> backend.serves(host)).findFirst()
                .orElseThrow(() -> new IllegalStateException("no container backend serves host " + host.name()));
    }

    static TransportFactory transports(PrintWriter verboseLog) {
        TransportFactory plain = plain();
        return verboseLog == null ? plain : (host, hosts) -> new LoggedTransport(plain.open(host, hosts), verboseLog);
    }

    private static TransportFactory plain() {
        String agent = System.getenv("SSH_AUTH_SOCK");
        SshHosts ssh = new SshHosts(agent == null || agent.isBlank() ? null : Path.of(agent));
        return (host, hosts) -> host.transport() == Host.TransportKind.LOCAL ? new LocalTransport() : ssh.open(host, hosts);
    }
}

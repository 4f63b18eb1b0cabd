package dev.provision.incus;

import dev.provision.transport.ScriptResource;
import dev.provision.resource.pgserver.PgServerDriver;
import dev.provision.transport.CommandResult;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * The prepared base on Incus: an image with PostgreSQL installed and no cluster, published into the
 * server (or cluster) under an alias keyed by distribution, release and PostgreSQL major, such as
 * {@code provision/debian/bookworm/pg15}. Instances start from it copy-on-write on btrfs, each creating
 * its own cluster (system identifier) and getting its own machine-id and secrets.
 *
 * <p>It is built once: a builder instance from the distribution image gets the same preparation as the
 * LXC base (no cluster from the packages, SSH host keys per clone), PostgreSQL and locales, is sealed
 * (no keys, leases, journal, machine-id), stopped, published, and deleted. A builder left by an
 * interrupted run is deleted first.
 */
public final class BaseImage {
    private static final String PREPARE = ScriptResource.load(BaseImage.class, "/dev/provision/resource/lxc/prepare-base-rootfs.sh");
    private static final String SEAL = ScriptResource.load(BaseImage.class, "/dev/provision/resource/lxc/seal-base.sh");
    private static final String INSTALL = ScriptResource.load(PgServerDriver.class, "install-server.sh");
    private static final Duration INSTALL_TIMEOUT = Duration.ofMinutes(20);

    private final IncusClient client;
    private final Instances instances;

    public BaseImage(IncusClient client) {
        this.client = client;
        this.instances = new Instances(client);
    }

    /** The alias of the base for {@code distribution}, {@code release} and PostgreSQL {@code major}. */
    public static String alias(String distribution, String release, int major) {
        return "provision/" + distribution + "/" + release + "/pg" + major;
    }

    /** Whether the image {@code alias} exists. */
    public boolean exists(String alias) {
        try {
            client.get("/1.0/images/aliases/" + IncusClient.encode(alias));
            return true;
        } catch (IncusException e) {
            if (e.notFound()) {
                return false;
            }
            throw e;
        }
    }

    /**
     * Builds and publishes the base as {@code alias} from the image {@code sourceAlias} unless it exists.
     *
     * @return whether it was built now
     */
    public boolean ensure(String alias, String sourceAlias, int major, String network) {
        if (exists(alias)) {
            return false;
        }
        String builder = "provision-base-" + alias.replaceAll("[^a-z0-9]+", "-").replaceAll("^provision-", "");
        instances.delete(builder);
        instances.create(new InstanceRequest(builder, sourceAlias, Map.of(), List.of("default"), network, null, null));
        instances.start(builder, Duration.ofMinutes(2));
        run(builder, Duration.ofMinutes(1), "prepare the base's files", "sh", "-c", PREPARE, "provision-prepare", "");
        run(builder, INSTALL_TIMEOUT, "install postgresql-" + major, "sh", "-c", INSTALL, "provision-install", String.valueOf(major), "", builder);
        run(builder, Duration.ofMinutes(2), "seal the base", "sh", "-c", SEAL + "\n: > /etc/machine-id\n", "provision-seal");
        instances.stop(builder, true);
        ObjectNode body = IncusClient.JSON.createObjectNode();
        body.putObject("source").put("type", "instance").put("name", builder);
        body.putArray("aliases").addObject().put("name", alias).put("description", "provision base with PostgreSQL " + major);
        body.putObject("properties").put("provision.postgres", String.valueOf(major));
        client.call("POST", "/1.0/images", body);
        instances.delete(builder);
        return true;
    }

    private void run(String instance, Duration timeout, String what, String... argv) {
        CommandResult result = client.exec(instance, List.of(argv), Map.of(), timeout);
        if (!result.succeeded()) {
            throw new IncusException(client.describe() + ": " + what + " in " + instance + " failed (exit " + result.exitStatus() + "): "
                    + result.stderr().strip() + "; the builder instance is deleted and rebuilt on the next apply");
        }
    }
}

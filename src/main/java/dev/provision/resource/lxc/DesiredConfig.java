package dev.provision.resource.lxc;

import dev.provision.inventory.Backups;
import dev.provision.inventory.Container;
import dev.provision.inventory.Mount;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The LXC configuration keys provision owns for a container, and their desired values. Keys for
 * both cgroup versions are owned, so moving a host between versions leaves no stale limit behind.
 */
public final class DesiredConfig {
    static final long CPU_PERIOD_US = 100_000;

    public static final Set<String> MANAGED_KEYS = Set.of(
            "lxc.uts.name",
            "lxc.start.auto",
            "lxc.net.0.type",
            "lxc.net.0.link",
            "lxc.net.0.flags",
            "lxc.net.0.ipv4.address",
            "lxc.net.0.ipv4.gateway",
            "lxc.cgroup.memory.limit_in_bytes",
            "lxc.cgroup.memory.memsw.limit_in_bytes",
            "lxc.cgroup2.memory.max",
            "lxc.cgroup.cpu.cfs_quota_us",
            "lxc.cgroup.cpu.cfs_period_us",
            "lxc.cgroup2.cpu.max",
            "lxc.mount.entry");

    private DesiredConfig() {}

    /** The desired value of every owned key that should be present, in the order they are written. */
    public static Map<String, List<String>> of(Container container, boolean cgroupV2) {
        Map<String, List<String>> keys = new LinkedHashMap<>();
        keys.put("lxc.uts.name", List.of(container.hostname() == null ? container.name() : container.hostname()));
        keys.put("lxc.start.auto", List.of(container.autostart() ? "1" : "0"));
        keys.put("lxc.net.0.type", List.of("veth"));
        keys.put("lxc.net.0.link", List.of(container.network().bridge()));
        keys.put("lxc.net.0.flags", List.of("up"));
        if (!container.network().isDhcp()) {
            keys.put("lxc.net.0.ipv4.address", List.of(container.network().ipv4()));
            keys.put("lxc.net.0.ipv4.gateway", List.of(container.network().gateway()));
        }
        Long memory = container.resources().memoryBytes();
        if (memory != null) {
            keys.put(cgroupV2 ? "lxc.cgroup2.memory.max" : "lxc.cgroup.memory.limit_in_bytes", List.of(memory.toString()));
        }
        Integer cpus = container.resources().cpus();
        if (cpus != null) {
            long quota = cpus * CPU_PERIOD_US;
            if (cgroupV2) {
                keys.put("lxc.cgroup2.cpu.max", List.of(quota + " " + CPU_PERIOD_US));
            } else {
                keys.put("lxc.cgroup.cpu.cfs_quota_us", List.of(String.valueOf(quota)));
                keys.put("lxc.cgroup.cpu.cfs_period_us", List.of(String.valueOf(CPU_PERIOD_US)));
            }
        }
        List<String> mounts = new java.util.ArrayList<>(container.mounts().stream().map(DesiredConfig::mountEntry).toList());
        if (container.postgres() != null && container.postgres().backups() != null) {
            // the repository lives on the host, outside the rootfs: destroying the container keeps it
            mounts.add(mountEntry(new Mount(container.postgres().backups().at(),
                    container.postgres().backups().repository() + "/pgbackrest", Backups.MOUNT_POINT, false)));
        }
        if (!mounts.isEmpty()) {
            keys.put("lxc.mount.entry", mounts);
        }
        return keys;
    }

    /** An fstab-style bind mount line; the target is relative to the container's root, as LXC wants. */
    static String mountEntry(Mount mount) {
        String target = mount.target().replaceFirst("^/+", "");
        return mount.source() + " " + target + " none bind,create=dir" + (mount.readOnly() ? ",ro" : "") + " 0 0";
    }

    /** A short fingerprint of the desired keys, recorded in the file to tell drift from inventory changes. */
    public static String fingerprint(Map<String, List<String>> desired) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            sha.update(desired.toString().getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(sha.digest()).substring(0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}

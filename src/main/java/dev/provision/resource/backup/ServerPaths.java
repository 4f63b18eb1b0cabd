package dev.provision.resource.backup;

/** Where a Debian-packaged server keeps its cluster, as the backups see it. */
final class ServerPaths {
    /** The cluster provision manages (the same as {@code pgserver.ServerFiles.CLUSTER}). */
    static final String CLUSTER = dev.provision.resource.pgserver.ServerFiles.CLUSTER;

    private ServerPaths() {}

    static String dataDirectory(int version) {
        return "/var/lib/postgresql/" + version + "/" + CLUSTER;
    }
}

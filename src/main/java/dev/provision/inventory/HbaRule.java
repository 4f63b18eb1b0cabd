package dev.provision.inventory;

import dev.provision.diag.SourceRange;

/**
 * One pg_hba.conf line.
 *
 * @param type local, host, hostssl or hostnossl
 * @param address a CIDR for host rules, {@code null} for local ones
 */
public record HbaRule(SourceRange at, String type, String database, String user, String address, String method) {}

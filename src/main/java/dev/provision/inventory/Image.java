package dev.provision.inventory;

import dev.provision.diag.SourceRange;

/**
 * How a container's root filesystem is made: the {@code download} template with distro, release
 * and arch, or the {@code debian}/{@code ubuntu} templates that debootstrap a release.
 *
 * @param distro only for the download template; {@code null} otherwise
 * @param arch only for the download template; defaults to {@code amd64}
 */
public record Image(SourceRange at, String template, String distro, String release, String arch) {}

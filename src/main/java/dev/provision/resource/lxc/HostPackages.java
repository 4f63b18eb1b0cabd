package dev.provision.resource.lxc;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The Debian/Ubuntu packages a host needs for LXC, its bridge and each template the inventory uses on
 * it, read from what each template script really calls (in {@code /usr/share/lxc/templates}). Pure.
 *
 * <p>The probe ({@code probe-host.sh}) reports each package by a file it installs; the names here and
 * there must match.
 */
final class HostPackages {
    /** LXC itself, the DHCP server and NAT of its lxcbr0 bridge (lxc-net), and rsync for full clones. */
    static final List<String> ALWAYS = List.of("lxc", "dnsmasq-base", "iptables", "rsync");

    /**
     * The debian template: it lives in lxc-templates, runs debootstrap, and asks debian-distro-info
     * (distro-info) for the release number; without it, it writes the security source
     * {@code RELEASE/updates}, which no release after buster has.
     */
    static final List<String> DEBIAN = List.of("lxc-templates", "debootstrap", "distro-info");

    /** The ubuntu template: lxc-templates and debootstrap; on an Ubuntu host also the keyring that verifies the archive. */
    static final List<String> UBUNTU = List.of("lxc-templates", "debootstrap");

    /** The download template (in lxc itself): wget over HTTPS (ca-certificates), and tar with xz for the image. */
    static final List<String> DOWNLOAD = List.of("wget", "xz-utils", "ca-certificates");

    private HostPackages() {}

    /**
     * The packages needed on a host whose operating system is {@code osId} (the ID of /etc/os-release,
     * or {@code null} when unknown) for containers made with {@code templates}, in install order, each once.
     */
    static List<String> needed(Collection<String> templates, String osId) {
        Set<String> all = new LinkedHashSet<>(ALWAYS);
        for (String template : templates) {
            all.addAll(forTemplate(template, osId));
        }
        return List.copyOf(all);
    }

    /** The packages one template needs beyond {@link #ALWAYS}. */
    static List<String> forTemplate(String template, String osId) {
        return switch (template) {
            case "debian" -> DEBIAN;
            case "ubuntu" -> {
                // Debian 12 has no package with Ubuntu's archive key; there debootstrap cannot verify
                // Ubuntu's Release file (docs/how-it-works.md says so).
                List<String> ubuntu = new ArrayList<>(UBUNTU);
                if ("ubuntu".equals(osId)) {
                    ubuntu.add("ubuntu-keyring");
                }
                yield List.copyOf(ubuntu);
            }
            case "download" -> DOWNLOAD;
            default -> throw new IllegalArgumentException("unknown LXC template " + template);
        };
    }

    /** Those of {@code needed} that {@code installed} lacks, in order. */
    static List<String> missing(List<String> needed, Set<String> installed) {
        return needed.stream().filter(p -> !installed.contains(p)).toList();
    }
}

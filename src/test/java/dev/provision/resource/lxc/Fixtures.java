package dev.provision.resource.lxc;

import dev.provision.diag.SourceRange;
import dev.provision.inventory.Container;
import dev.provision.inventory.Image;
import dev.provision.inventory.Network;
import dev.provision.inventory.Resources;
import java.nio.file.Path;
import java.util.List;

/** Containers and probe outputs for the pure tests of this package. */
final class Fixtures {
    static final SourceRange AT = new SourceRange(Path.of("inventory.yaml"), 1, 1);

    private Fixtures() {}

    static Container container(String name, boolean isProtected) {
        return new Container(name, AT, "local", new Image(AT, "debian", null, "bookworm", null),
                new Resources(AT, 2L * 1024 * 1024 * 1024, 2), new Network(AT, "lxcbr0", "dhcp", null),
                true, isProtected, null, List.of(), null);
    }

    /** The probe's lines for a host with every package host preparation may install. */
    static final String ALL_PACKAGES = "package lxc\npackage dnsmasq-base\npackage iptables\npackage rsync\npackage lxc-templates\n"
            + "package debootstrap\npackage distro-info\npackage wget\npackage xz-utils\npackage ca-certificates\n";

    static String probe(String containerBlock) {
        return "cgroupfs tmpfs\n" + ALL_PACKAGES + "os debian\nlxcpath /var/lib/lxc\nbridge lxcbr0 10.0.3.1/24\n" + containerBlock;
    }

    static String present(String name, String state, String config) {
        return "container " + name + "\nstate " + state + "\nipv4 10.0.3.20 \nconfig-begin\n" + config + "\nconfig-end\n";
    }

    static String templateConfig(String name, String release) {
        return "# Template used to create this container: /usr/share/lxc/templates/lxc-debian\n"
                + "# Parameters passed to the template: -r " + release + "\n"
                + "lxc.net.0.type = veth\n"
                + "lxc.net.0.hwaddr = 00:16:3e:a9:85:4c\n"
                + "lxc.net.0.link = lxcbr0\n"
                + "lxc.net.0.flags = up\n"
                + "lxc.rootfs.path = dir:/var/lib/lxc/" + name + "/rootfs\n"
                + "lxc.uts.name = " + name + "\n"
                + "lxc.arch = amd64\n";
    }
}

package dev.provision.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.provision.testbed.PristineMachine;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.testcontainers.junit.jupiter.Container;
import org.testcontainers.junit.jupiter.Testcontainers;
import org.testcontainers.utility.MountableFile;

/**
 * The release artifacts as a user installs them on a pristine Debian 12: the .deb with apt (which
 * brings a Java runtime), then provision from PATH, from any directory; the tar.gz unpacked anywhere and
 * called through a symlink.
 */
@Testcontainers
class ReleasePackageIT {
    @Container
    static final PristineMachine MACHINE = new PristineMachine();

    private static Path artifact(String glob) throws IOException {
        try (Stream<Path> files = Files.list(Path.of("target"))) {
            List<Path> found = files.filter(f -> f.getFileSystem().getPathMatcher("glob:" + glob).matches(f.getFileName())).toList();
            assertThat(found).as("mvn package made exactly one %s in target/", glob).hasSize(1);
            return found.get(0);
        }
    }

    @Test
    void theDebInstallsProvisionOnPathWithCompletionManPagesAndLicencesAndTheTarballRunsThroughASymlink() throws IOException {
        MACHINE.ready(Path.of("").toAbsolutePath());
        MACHINE.copyFileToContainer(MountableFile.forHostPath(artifact("provision_*_all.deb")), "/root/provision.deb");
        MACHINE.copyFileToContainer(MountableFile.forHostPath(artifact("provision-*-linux.tar.gz")), "/root/provision.tar.gz");

        PristineMachine.Run install;
        try {
            install = MACHINE.shell("/root", "apt-get update -q >/dev/null && DEBIAN_FRONTEND=noninteractive"
                    + " apt-get install -y -q --no-install-recommends ./provision.deb");
        } finally {
            MACHINE.keepDownloads();
        }
        assertThat(install.exitCode()).as("apt installs the .deb and its Java runtime:\n%s", install.tail(30)).isZero();

        PristineMachine.Run help = MACHINE.shell("/tmp", "provision --help");
        assertThat(help.exitCode()).as("provision --help from PATH:\n%s", help.output()).isZero();
        assertThat(help.output()).contains("Usage: provision", "validate", "apply");

        String project = PristineMachine.PROJECT;
        PristineMachine.Run validate = MACHINE.shell("/tmp", "provision validate -i \"$1\"/inventory.yaml", project);
        assertThat(validate.exitCode()).as("provision validate of the root inventory from PATH:\n%s", validate.output()).isZero();

        assertThat(MACHINE.shell("/", "test -s /var/cache/provision/provision.jsa && echo made").output())
                .as("the class-data archive is made at install").contains("made");
        assertThat(MACHINE.shell("/", "ls /usr/share/man/man1/").output())
                .contains("provision.1", "provision-plan.1", "provision-apply.1");
        assertThat(MACHINE.shell("/", "ls /usr/share/doc/provision/").output()).contains("copyright", "THIRD-PARTY.txt");
        PristineMachine.Run completion = MACHINE.shell("/", "source /usr/share/bash-completion/completions/provision"
                + " && COMP_WORDS=(provision pl) && COMP_CWORD=1 && _complete_provision && echo \"${COMPREPLY[*]}\"");
        assertThat(completion.output()).as("bash completes the command name:\n%s", completion.output()).contains("plan");

        PristineMachine.Run tarball = MACHINE.shell("/tmp", "mkdir -p /opt/tools && tar -C /opt/tools -xzf /root/provision.tar.gz"
                + " && ln -s /opt/tools/provision-*/bin/provision /usr/local/bin/prov && cd / && prov --version");
        assertThat(tarball.exitCode()).as("the tar.gz runs through a symlink from another directory:\n%s", tarball.output()).isZero();
        assertThat(tarball.output()).contains("provision");

        PristineMachine.Run remove = MACHINE.shell("/", "apt-get remove -y -q provision >/dev/null && test ! -e /usr/bin/provision"
                + " && test ! -e /var/cache/provision && echo removed");
        assertThat(remove.output()).as("apt removes it with its archive").contains("removed");
    }
}

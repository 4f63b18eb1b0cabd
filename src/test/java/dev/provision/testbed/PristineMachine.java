package dev.provision.testbed;

import com.github.dockerjava.api.model.AccessMode;
import com.github.dockerjava.api.model.Bind;
import com.github.dockerjava.api.model.Volume;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.containers.Container.ExecResult;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.containers.startupcheck.IsRunningStartupCheckStrategy;
import org.testcontainers.utility.DockerImageName;
import org.testcontainers.utility.MountableFile;

/**
 * A pristine Debian 12 machine: a Docker container from the bare root filesystem {@value #IMAGE} (no
 * LXC, no Java, no Maven: nothing provision installs), allowed to run LXC inside as {@link LxcHost} is,
 * reached with {@code docker exec} as root, on Docker's default bridge (outbound NAT, as this machine has it).
 *
 * <p>What it is given stands in for a user's network and nothing else: the network's CA certificates
 * (as a user's machine would trust them), a copy of the machine's Maven repository (what Maven would
 * otherwise download), and the packages apt downloaded in earlier runs, kept on this machine in
 * {@value #APT_CACHE} and copied in and out (so that runs at once never share apt's archive directory
 * and its lock; apt still reads the package lists from the registry and verifies every package). The copy of the project is its files as git sees them (tracked and untracked, not ignored:
 * no target/, no .git), at {@value #PROJECT}.
 */
public final class PristineMachine extends GenericContainer<PristineMachine> {
    public static final String IMAGE = "local/debian-base:bookworm";
    public static final String PROJECT = "/root/provision";
    static final String APT_CACHE = "/var/cache/provision-test/apt-archives";
    private static final String MAVEN_CACHE = "/mnt/maven-repository";
    private static final String APT_CACHE_MOUNT = "/mnt/apt-archives";

    private final Path mavenRepository;

    public PristineMachine() {
        super(DockerImageName.parse(IMAGE));
        withImagePullPolicy(image -> false);
        withCommand("sleep", "infinity");
        withLabel("dev.provision.testbed.pid", String.valueOf(ProcessHandle.current().pid()));
        withStartupCheckStrategy(new IsRunningStartupCheckStrategy().withTimeout(Duration.ofSeconds(30)));
        Path repository = Path.of(System.getProperty("maven.repo.local", System.getProperty("user.home") + "/.m2/repository"));
        mavenRepository = Files.isDirectory(repository) ? repository : null;
        try {
            Files.createDirectories(Path.of(APT_CACHE));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the apt archive cache " + APT_CACHE, e);
        }
        List<Bind> binds = new ArrayList<>(List.of(new Bind(APT_CACHE, new Volume(APT_CACHE_MOUNT), AccessMode.rw)));
        if (mavenRepository != null) {
            binds.add(new Bind(mavenRepository.toString(), new Volume(MAVEN_CACHE), AccessMode.ro));
        }
        withCreateContainerCmdModifier(cmd -> LxcHost.allowNestedLxc(cmd.getHostConfig(), binds));
        try {
            DockerClientFactory.instance().client().inspectImageCmd(IMAGE).exec();
        } catch (RuntimeException e) {
            throw new IllegalStateException("the Docker image " + IMAGE + " is missing (" + e.getMessage()
                    + "); build it with testbed/build-images.sh, or run bin/test", e);
        }
    }

    /** What one command printed (stdout, then stderr) and how it ended. */
    public record Run(int exitCode, String output) {
        /** The last {@code lines} lines of the output, for an assertion message. */
        public String tail(int lines) {
            List<String> all = output.lines().toList();
            return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
        }
    }

    /**
     * Readies the machine as a user's would be before they clone the project: {@code /proc/sys}
     * writable (Docker mounts it read-only without --privileged; a real machine has it writable), the
     * network's CA certificates trusted, the Maven repository copied in, the project copied from
     * {@code projectDir}.
     */
    public void ready(Path projectDir) {
        exec("mount", "-o", "remount,rw", "/proc/sys");
        exec("mkdir", "-p", "/usr/local/share/ca-certificates", PROJECT, "/root/.m2");
        Path certificates = Path.of("/usr/local/share/ca-certificates");
        if (Files.isDirectory(certificates)) {
            try (Stream<Path> files = Files.list(certificates)) {
                for (Path file : files.filter(f -> f.getFileName().toString().endsWith(".crt")).toList()) {
                    copyFileToContainer(MountableFile.forHostPath(file), "/usr/local/share/ca-certificates/" + file.getFileName());
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            exec("update-ca-certificates");
        }
        if (mavenRepository != null) {
            exec("cp", "-a", MAVEN_CACHE, "/root/.m2/repository");
        }
        exec("find", APT_CACHE_MOUNT, "-maxdepth", "1", "-name", "*.deb", "-exec", "cp", "-t", "/var/cache/apt/archives/", "{}", "+");
        Path tar = projectTar(projectDir);
        try {
            copyFileToContainer(MountableFile.forHostPath(tar), "/root/provision.tar");
            exec("tar", "-C", PROJECT, "-xf", "/root/provision.tar");
            exec("rm", "/root/provision.tar");
        } finally {
            tar.toFile().delete();
        }
    }

    /** Keeps the packages apt downloaded here for the next run (those already kept are left as they are). */
    public void keepDownloads() {
        exec("find", "/var/cache/apt/archives", "-maxdepth", "1", "-name", "*.deb", "-exec", "cp", "-n", "-t", APT_CACHE_MOUNT, "{}", "+");
    }

    /**
     * Runs {@code script} with bash in {@code dir} as root, with {@code args} as its $1, $2...; returns
     * how it ended and never fails itself.
     */
    public Run shell(String dir, String script, String... args) {
        List<String> command = new ArrayList<>(List.of("bash", "-c", "cd \"$1\" && shift && " + script, "pristine", dir));
        command.addAll(List.of(args));
        try {
            ExecResult result = execInContainer(command.toArray(String[]::new));
            return new Run(result.getExitCode(), result.getStdout() + result.getStderr());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    /** Runs a command, failing the test when it fails; returns its standard output. */
    public String exec(String... command) {
        try {
            ExecResult result = execInContainer(command);
            if (result.getExitCode() != 0) {
                throw new IllegalStateException(String.join(" ", command) + " exited with " + result.getExitCode()
                        + ": " + result.getStdout() + result.getStderr());
            }
            return result.getStdout();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    /** A tar of the project's files as git lists them: tracked and untracked, without what .gitignore excludes. */
    private static Path projectTar(Path projectDir) {
        try {
            Path list = Files.createTempFile("provision-files-", ".lst");
            Path tar = Files.createTempFile("provision-project-", ".tar");
            try {
                run(projectDir, list, "git", "ls-files", "-z", "--cached", "--others", "--exclude-standard");
                // a file deleted in the work tree but still in the index is left out
                run(projectDir, null, "tar", "--null", "--ignore-failed-read", "-T", list.toString(), "-cf", tar.toString());
            } finally {
                Files.deleteIfExists(list);
            }
            return tar;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void run(Path dir, Path output, String... command) throws IOException {
        ProcessBuilder builder = new ProcessBuilder(command).directory(dir.toFile()).redirectError(ProcessBuilder.Redirect.INHERIT);
        builder.redirectOutput(output == null ? ProcessBuilder.Redirect.DISCARD : ProcessBuilder.Redirect.to(output.toFile()));
        Process process = builder.start();
        try {
            if (!process.waitFor(2, TimeUnit.MINUTES) || process.exitValue() != 0) {
                process.destroyForcibly();
                throw new IllegalStateException(String.join(" ", command) + " failed in " + dir
                        + "; the pristine-machine test copies the project as git lists it");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }
}

package dev.provision.apply.lock;

import static org.assertj.core.api.Assertions.assertThat;

import dev.provision.transport.CommandResult;
import dev.provision.transport.PortForward;
import dev.provision.transport.Transport;
import dev.provision.transport.TransportException;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** What the lock says when it cannot be released (the locking itself runs on real hosts in the e2e tests). */
class RunLocksTest {

    /** Takes the lock, then loses the host once {@code reachable} is false. */
    private static final class Host implements Transport {
        boolean reachable = true;

        @Override
        public String describe() {
            return "fake";
        }

        @Override
        public CommandResult run(List<String> argv, byte[] stdin, Duration timeout) {
            if (!reachable) {
                throw new TransportException("root@h:22: the SSH connection is lost");
            }
            return new CommandResult(0, "", "");
        }

        @Override
        public void upload(byte[] content, String path, int mode) {}

        @Override
        public PortForward forward(String remoteHost, int remotePort) {
            throw new UnsupportedOperationException();
        }

        @Override
        public void close() {}
    }

    @Test
    void aLockOnAnUnreachableHostIsReportedWithHowToReleaseIt() {
        Host bed = new Host();
        Host spare = new Host();
        RunLocks lock = new RunLocks(HeldLock.newOwner(), scope -> "provision force-unlock -i inv.yaml " + scope.address(), note -> {});
        lock.acquire("bed", bed, List.of(LockScope.container("bed", "app"), LockScope.host("bed")), Duration.ZERO, line -> {});
        lock.acquire("spare", spare, List.of(LockScope.container("spare", "db")), Duration.ZERO, line -> {});
        bed.reachable = false;

        lock.close();

        assertThat(lock.unreleasedNote()).as("each lock left behind comes with the exact command that releases it")
                .hasValueSatisfying(note -> assertThat(note)
                .contains("could not all be released")
                .contains("provision force-unlock -i inv.yaml containers.app", "provision force-unlock -i inv.yaml hosts.bed")
                .doesNotContain("containers.db"));
    }

    @Test
    void releasedLocksLeaveNothingToReport() {
        RunLocks lock = new RunLocks(HeldLock.newOwner(), scope -> "provision force-unlock " + scope.address(), note -> {});
        lock.acquire("bed", new Host(), List.of(LockScope.host("bed")), Duration.ZERO, line -> {});

        lock.close();

        assertThat(lock.unreleasedNote()).isEmpty();
    }
}

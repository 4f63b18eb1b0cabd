package dev.provision.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.provision.transport.CommandResult;
import dev.provision.transport.PortForward;
import dev.provision.transport.Transport;
import dev.provision.transport.TransportException;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** What the lock says when it cannot be released (the locking itself runs on real hosts in the e2e tests). */
class HostLockTest {

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
        HostLock lock = new HostLock();
        lock.acquire("bed", bed);
        lock.acquire("spare", spare);
        bed.reachable = false;

        lock.close();

        assertThat(lock.unreleasedNote()).hasValueSatisfying(note -> assertThat(note)
                .contains("lock on host bed could not be released")
                .contains("provision force-unlock bed")
                .doesNotContain("spare"));
    }

    @Test
    void releasedLocksLeaveNothingToReport() {
        HostLock lock = new HostLock();
        lock.acquire("bed", new Host());

        lock.close();

        assertThat(lock.unreleasedNote()).isEmpty();
    }
}

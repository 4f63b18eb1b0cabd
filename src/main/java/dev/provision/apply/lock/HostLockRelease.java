package dev.provision.apply.lock;

import dev.provision.apply.ApplyListener;
import dev.provision.plan.Plan;
import dev.provision.plan.PlannedChange;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

/**
 * Releases a host's lock as soon as the last host-wide change the plan has for that host is applied, so
 * the host is locked only while host-wide state changes; containers' locks are kept until the run ends.
 */
public final class HostLockRelease implements ApplyListener {
    private final RunLocks locks;
    private final Map<LockScope, Integer> remaining = new HashMap<>();

    public HostLockRelease(RunLocks locks) {
        this.locks = locks;
    }

    /** Counts the host-wide changes of {@code plan}, which is about to be applied. */
    public synchronized void expect(Plan plan) {
        for (PlannedChange change : plan.changes()) {
            LockScopes.of(change).stream().filter(LockScope::hostWide).forEach(scope -> remaining.merge(scope, 1, Integer::sum));
        }
    }

    @Override
    public void changeFinished(PlannedChange change, Duration elapsed) {
        for (LockScope scope : LockScopes.of(change)) {
            if (scope.hostWide() && countDown(scope)) {
                locks.release(scope);
            }
        }
    }

    private synchronized boolean countDown(LockScope scope) {
        Integer left = remaining.computeIfPresent(scope, (s, n) -> n - 1);
        return left != null && left == 0;
    }
}

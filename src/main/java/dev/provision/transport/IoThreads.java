package dev.provision.transport;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The threads that pump command input and output: cached, unbounded and daemon, because each of
 * them blocks on I/O and none may keep the JVM alive or starve the common fork-join pool.
 */
public final class IoThreads {

    private static final AtomicInteger COUNT = new AtomicInteger();
    private static final ExecutorService POOL = Executors.newCachedThreadPool(task -> {
        Thread thread = new Thread(task, "provision-io-" + COUNT.incrementAndGet());
        thread.setDaemon(true);
        return thread;
    });

    private IoThreads() {}

    public static ExecutorService pool() {
        return POOL;
    }
}

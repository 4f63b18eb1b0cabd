package dev.provision.cli;

import dev.provision.apply.lock.LockTimeout;
import java.time.Duration;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Option;

/** Options of the commands that change hosts (apply, destroy): confirmation, JSON output, parallelism, locks. */
final class ChangeOptions {

    @Option(names = "--auto-approve", description = "Go ahead without asking for confirmation (for CI).")
    boolean autoApprove;

    @Option(names = "--json", description = "Print the plan and what was done as JSON on standard output"
            + " (format: schema/plan.schema.json); needs --auto-approve (or, for apply, a PLANFILE).")
    boolean json;

    @Option(names = "--parallelism", paramLabel = "N", defaultValue = "4",
            description = "How many containers to change at once (default: ${DEFAULT-VALUE}).")
    int parallelism;

    @Option(names = "--lock-timeout", paramLabel = "DURATION", defaultValue = "0", converter = LockTimeoutConverter.class,
            description = "How long to wait for a lock another run holds on what this run changes (a container,"
                    + " or a host while its host-wide state changes), e.g. 30s, 5m; waiting says who holds it."
                    + " Default: ${DEFAULT-VALUE}, fail at once.")
    Duration lockTimeout;

    /** Reads --lock-timeout as Terraform writes durations. */
    static final class LockTimeoutConverter implements ITypeConverter<Duration> {
        @Override
        public Duration convert(String value) {
            return LockTimeout.parse(value);
        }
    }
}

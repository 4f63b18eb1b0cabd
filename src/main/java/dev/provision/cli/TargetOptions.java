package dev.provision.cli;

import dev.provision.plan.Targets;
import dev.provision.plan.ResourceAddress;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Option;

/** {@code --target ADDR}, repeatable: limit the plan to these resources and what they need. */
final class TargetOptions {

    @Option(
            names = "--target",
            paramLabel = "ADDR",
            description = "Only plan this resource and what it depends on, e.g. containers.event-store. Repeatable.")
    List<String> targets = new ArrayList<>();

    Targets targets() {
        return new Targets(targets.stream().map(ResourceAddress::new).toList());
    }
}

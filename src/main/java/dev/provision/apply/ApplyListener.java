package dev.provision.apply;

import dev.provision.plan.PlannedChange;
import dev.provision.plan.Step;
import java.time.Duration;
import java.util.List;

/** Hears what apply is doing, to show progress; every method has a do-nothing default. */
public interface ApplyListener {

    default void changeStarted(PlannedChange change) {}

    default void stepStarted(PlannedChange change, Step step) {}

    /** A command step succeeded; {@code result} holds what it printed. */
    default void stepFinished(PlannedChange change, Step step, dev.provision.transport.CommandResult result) {}

    default void changeFinished(PlannedChange change, Duration elapsed) {}

    /** One listener that tells each of {@code listeners}, in order. */
    static ApplyListener all(ApplyListener... listeners) {
        List<ApplyListener> list = List.of(listeners);
        return new ApplyListener() {
            @Override
            public void changeStarted(PlannedChange change) {
                list.forEach(l -> l.changeStarted(change));
            }

            @Override
            public void stepStarted(PlannedChange change, Step step) {
                list.forEach(l -> l.stepStarted(change, step));
            }

            @Override
            public void stepFinished(PlannedChange change, Step step, dev.provision.transport.CommandResult result) {
                list.forEach(l -> l.stepFinished(change, step, result));
            }

            @Override
            public void changeFinished(PlannedChange change, Duration elapsed) {
                list.forEach(l -> l.changeFinished(change, elapsed));
            }
        };
    }
}

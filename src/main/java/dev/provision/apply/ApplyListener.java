package dev.provision.apply;

import dev.provision.plan.PlannedChange;
import dev.provision.plan.Step;
import java.time.Duration;

/** Hears what apply is doing, to show progress; every method has a do-nothing default. */
public interface ApplyListener {

    default void changeStarted(PlannedChange change) {}

    default void stepStarted(PlannedChange change, Step step) {}

    /** A command step succeeded; {@code result} holds what it printed. */
    default void stepFinished(PlannedChange change, Step step, dev.provision.transport.CommandResult result) {}

    default void changeFinished(PlannedChange change, Duration elapsed) {}
}

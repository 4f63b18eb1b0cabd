package dev.provision.apply;

import dev.provision.plan.Plan;

/**
 * What the user sees of an apply operation, besides the progress of its changes (which it hears as an
 * {@link ApplyListener}): the command line prints it, the apply operation only says what happened.
 */
public interface ApplyView extends ApplyListener {

    /** {@code changes} changes are about to run (the progress counts k of them). */
    void expect(int changes);

    /** A line about a lock this run waits for, or waited for. */
    void waiting(String line);

    /** Another run changed what the plan covers while this one waited for its locks: {@code fresh} is the plan now. */
    void changedWhileWaiting(Plan fresh);

    /** The parts of the plan that could only be planned once the changes before them were applied. */
    void nextStage(Plan stage);

    /** The changes apply has run are over (the progress display ends before the closing lines). */
    void changesEnded();

    /** A fresh read after apply still finds {@code leftOver}, which the failure that follows refers to. */
    void leftOver(Plan leftOver);

    /** A saved plan was applied; parts of it could only be planned after its changes. */
    void savedPlanApplied(int applied);

    /** Apply ran {@code applied} changes and a fresh read finds nothing left to do. */
    void complete(int applied);
}

package dev.provision.plan;

import java.util.Objects;

/**
 * Something a plan, apply or destroy tells the user beside its plan and result: printed once as a
 * {@code note:} line on standard error, and listed in the {@code --json} document's {@code notes}.
 *
 * @param kind what it is about; what a program reading the JSON decides on
 * @param message the text printed, what happened and what to do
 * @param host the inventory's name of the host it concerns, or null
 * @param address the resource address it concerns (the locked container or host, the server), or null
 * @param holder the run a lock names as its holder ({@code provision pid N on MACHINE since TIME}), or null
 * @param command the exact command that resolves it (a force-unlock), or null
 */
public record Note(Kind kind, String message, String host, String address, String holder, String command) {

    public Note {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(message, "message");
    }

    /** The kinds of note, each with its name in the JSON document. */
    public enum Kind {
        /**
         * A live run holds the lock of what the plan read, and is changing it: the plan may be stale once
         * that run ends.
         */
        LOCKED_BY_ANOTHER_RUN("locked-by-another-run"),
        /** A run that no longer exists left a lock behind; {@code command} releases it. */
        STALE_LOCK("stale-lock"),
        /** This run released a lock left by a run that no longer exists. */
        STALE_LOCK_RELEASED("stale-lock-released"),
        /** This run dropped a scratch database left by a run that no longer exists. */
        SCRATCH_DATABASE_DROPPED("scratch-database-dropped");

        private final String id;

        Kind(String id) {
            this.id = id;
        }

        /** The name in the JSON document. */
        public String id() {
            return id;
        }
    }
}

package dev.provision.cli;

import dev.provision.diag.ErrorCode;

/** The exit codes of every command, as documented in the README. */
public final class ExitCodes {
    /** Success, or a plan with no changes. */
    public static final int OK = 0;
    /** A failure while reading, planning or applying. */
    public static final int FAILURE = 1;
    /** The plan has changes; only with {@code --detailed-exitcode}. */
    public static final int CHANGES = 2;
    /** Invalid inventory or arguments; nothing was contacted. */
    public static final int INVALID = 3;

    private ExitCodes() {}

    /** The exit status of a failure with {@code code}: {@link #INVALID} for the user's input, else {@link #FAILURE}. */
    public static int of(ErrorCode code) {
        return code.invalidInput() ? INVALID : FAILURE;
    }
}

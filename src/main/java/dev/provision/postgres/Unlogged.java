package dev.provision.postgres;

import java.util.List;

/**
 * The {@code SET LOCAL} statements that keep the rest of a transaction out of the server's log, its
 * statistics and {@code pg_stat_activity}, whatever postgresql.conf, {@code ALTER SYSTEM}, the
 * database's or the role's settings say; they end with the transaction. A statement carrying a
 * password verifier runs only after them, in its own message (a settings change applies to the
 * statements after it, never to the query string it arrived in). Whether a transaction is sampled
 * for logging is decided when it starts, so {@link #BEFORE} runs first, outside it.
 */
public final class Unlogged {
    /** Runs on its own before the transaction starts: a transaction sampled at its start logs every statement. */
    public static final String BEFORE = "SET log_transaction_sample_rate = 0";
    /** Runs on its own after the transaction: the session's sampling returns to what its settings say. */
    public static final String AFTER = "RESET log_transaction_sample_rate";

    /** Each parameter that could print a statement's text, set so that it does not; the session must be a superuser's. */
    public static final List<String> SETTINGS = List.of(
            "SET LOCAL log_statement = 'none'",
            "SET LOCAL log_min_duration_statement = -1",
            "SET LOCAL log_min_duration_sample = -1",
            "SET LOCAL log_statement_sample_rate = 0",
            // an error, a lock wait or a warning would otherwise be logged with a STATEMENT: line
            "SET LOCAL log_min_error_statement = 'panic'",
            // DEBUG2 messages quote each statement parsed
            "SET LOCAL log_min_messages = 'error'",
            "SET LOCAL debug_print_parse = off",
            "SET LOCAL debug_print_rewritten = off",
            "SET LOCAL debug_print_plan = off",
            "SET LOCAL track_activities = off",
            // pg_stat_statements keeps utility statements' text in a file; unloaded, these are harmless placeholders
            "SET LOCAL pg_stat_statements.track = 'none'",
            "SET LOCAL pg_stat_statements.track_utility = off");

    private Unlogged() {}
}

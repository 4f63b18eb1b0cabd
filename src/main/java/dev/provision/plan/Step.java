package dev.provision.plan;

import dev.provision.transport.ShellQuoter;
import java.time.Duration;
import java.util.List;

/**
 * One operation that apply executes, exactly as the plan shows it.
 *
 * <p>Steps carry no secret values: a step that needs one names where it comes from, and the
 * applier resolves it at the last moment.
 */
public sealed interface Step {

    /** The host whose transport runs this step. */
    String host();

    /** A one-line description for the plan and logs, with secrets redacted. */
    String display();

    /**
     * Runs a program on the host; the argument vector is passed unchanged, never through a shell.
     *
     * @param stdin text written to the program's standard input (never a secret), or {@code null}
     * @param showOutput print what the program writes, for steps whose output the user wants
     *     (such as a container's address)
     */
    record Run(String host, List<String> argv, String stdin, Duration timeout, String display, boolean showOutput)
            implements Step {
        public Run {
            argv = List.copyOf(argv);
        }

        public static Run of(String host, Duration timeout, String... argv) {
            return new Run(host, List.of(argv), null, timeout, ShellQuoter.join(List.of(argv)), false);
        }

        /** A copy whose standard input is {@code text}. */
        public Run withStdin(String text) {
            return new Run(host, argv, text, timeout, display + " <<< (" + text.length() + " characters)", showOutput);
        }

        /** A copy shown with a short label instead of its argument vector (for long inline scripts). */
        public Run labelled(String label) {
            return new Run(host, argv, stdin, timeout, label, showOutput);
        }

        /** A copy whose output is shown to the user. */
        public Run showingOutput() {
            return new Run(host, argv, stdin, timeout, display, true);
        }
    }

    /** Writes a file on the host atomically with the given mode. */
    record Upload(String host, String path, String content, int mode) implements Step {
        @Override
        public String display() {
            return "write " + path + " (" + content.getBytes(java.nio.charset.StandardCharsets.UTF_8).length
                    + " bytes, mode " + Integer.toOctalString(mode) + ")";
        }
    }

    /**
     * SQL run through the admin session of one database of one container's server.
     *
     * @param database {@code null} for the maintenance database {@code postgres}
     * @param transactional all statements in one transaction; otherwise each runs on its own, in order
     * @param records how many of the last statements only record, in provision's own schema, what was
     *     applied (the plan shows them as one line unless asked for every command)
     */
    record Sql(String host, String container, String database, List<String> statements, boolean transactional,
            int records) implements Step {
        public Sql {
            statements = List.copyOf(statements);
            if (records < 0 || records > statements.size()) {
                throw new IllegalArgumentException("records must count some of the last statements: " + records);
            }
        }

        /** SQL that records nothing of provision's own. */
        public Sql(String host, String container, String database, List<String> statements, boolean transactional) {
            this(host, container, database, statements, transactional, 0);
        }

        /** The statements that change the database, without provision's records. */
        public List<String> changes() {
            return statements.subList(0, statements.size() - records);
        }

        @Override
        public String display() {
            String where = "psql " + container + "/" + (database == null ? "postgres" : database)
                    + (transactional && statements.size() > 1 ? " (one transaction)" : "");
            return where + ":\n" + String.join(";\n", statements).indent(8).stripTrailing() + ";";
        }
    }

    /**
     * Sets a role's password from a secret reference, resolved only when the step runs; the plan
     * and logs show the reference, never the value.
     */
    record SetPassword(String host, String container, String role, dev.provision.inventory.SecretRef secret)
            implements Step {
        @Override
        public String display() {
            return "set the password of role " + role + " in " + container + " from " + secret + " (SCRAM-SHA-256, value hidden)";
        }
    }

    /**
     * Runs a program on the host with a secret on its standard input, between {@code before} and
     * {@code after}; the secret is resolved only when the step runs, and the plan and logs show its
     * reference, never the value. The argument vector carries no secret.
     */
    record RunWithSecret(String host, List<String> argv, String before, dev.provision.inventory.SecretRef secret,
            String after, Duration timeout, String display) implements Step {
        public RunWithSecret {
            argv = List.copyOf(argv);
        }
    }

    /**
     * Creates or refreshes provision's own admin role in a container's server: a random password kept
     * in a root-only file on the host, set as a SCRAM verifier through peer authentication.
     */
    record BootstrapAdmin(String host, String container, int version) implements Step {
        @Override
        public String display() {
            return "create role " + AdminAccess.ROLE + " in " + container + " with a random password kept in "
                    + AdminAccess.secretPath(container) + " on the host (0600)";
        }
    }
}

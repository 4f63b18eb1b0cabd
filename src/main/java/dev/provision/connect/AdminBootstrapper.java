package dev.provision.connect;

import dev.provision.plan.PlanningFailed;

import dev.provision.plan.AdminAccess;
import dev.provision.postgres.Sql;
import dev.provision.postgres.Unlogged;
import dev.provision.transport.CommandResult;
import dev.provision.transport.Transport;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import org.postgresql.util.PasswordUtil;

/**
 * Sets up provision's admin role in a container's server: the host keeps a random password in a
 * root-only file (created once), and the role gets its SCRAM verifier through peer authentication
 * as the postgres OS user. The password never appears in a command line or a statement log.
 */
public final class AdminBootstrapper {
    private static final String ENSURE_SECRET = "umask 077; mkdir -p \"$(dirname \"$1\")\" && chmod 700 \"$(dirname \"$1\")\""
            + " && { [ -s \"$1\" ] || tr -dc A-Za-z0-9 </dev/urandom | head -c 40 > \"$1\"; } && cat \"$1\"";
    private static final Duration TIMEOUT = Duration.ofSeconds(60);

    /** Sets up the admin role in {@code container}'s server, reached through {@code access} over the host's {@code transport}. */
    public void bootstrap(Transport transport, ContainerAccess access, String container, int version) {
        CommandResult secret = transport.run(List.of("sh", "-c", ENSURE_SECRET, "provision-admin-secret",
                AdminAccess.secretPath(container)), null, TIMEOUT);
        if (!secret.succeeded() || secret.stdout().isBlank()) {
            throw new PlanningFailed("containers." + container + ".postgres: cannot create " + AdminAccess.secretPath(container)
                    + " on the host: " + secret.stderr().strip());
        }
        String verifier = PasswordUtil.encodeScramSha256(secret.stdout().strip().toCharArray());
        String sql = script(verifier);
        CommandResult result = transport.run(access.execArgv(container, List.of("runuser", "-u", "postgres", "--",
                        "psql", "--cluster", version + "/main", "-XAtq", "-v", "ON_ERROR_STOP=1", "-v", "VERBOSITY=terse")),
                sql.getBytes(StandardCharsets.UTF_8), TIMEOUT);
        if (!result.succeeded()) {
            throw new PlanningFailed("containers." + container + ".postgres: creating role " + AdminAccess.ROLE
                    + " failed: " + result.stderr().strip());
        }
    }

    /**
     * The psql script that makes the role a login superuser with {@code verifier}, in one transaction
     * that starts with {@link Unlogged#SETTINGS}; psql sends each statement on its own, so the one
     * with the verifier reaches no log (and terse errors quote no statement).
     */
    static String script(String verifier) {
        String role = Sql.ident(AdminAccess.ROLE);
        StringBuilder sql = new StringBuilder(Unlogged.BEFORE).append(";\nBEGIN;\n");
        Unlogged.SETTINGS.forEach(setting -> sql.append(setting).append(";\n"));
        return sql.append("SELECT 'CREATE ROLE ").append(role).append("' WHERE NOT EXISTS (SELECT FROM pg_roles WHERE rolname = ")
                .append(Sql.literal(AdminAccess.ROLE)).append(")\\gexec\n")
                .append("ALTER ROLE ").append(role).append(" LOGIN SUPERUSER PASSWORD ").append(Sql.literal(verifier)).append(";\n")
                .append("COMMIT;\n").toString();
    }
}

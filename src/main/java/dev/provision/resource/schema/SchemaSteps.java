package dev.provision.resource.schema;

import dev.provision.plan.Step;
import dev.provision.postgres.Sql;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Turns the DDL of one database into apply steps: one transaction run as the owning role (so what it
 * creates is the owner's, as in the shadow), except statements PostgreSQL refuses inside a
 * transaction (CREATE INDEX CONCURRENTLY and the like), which run alone in their place. The last
 * transaction also records the SQL files' digest.
 */
final class SchemaSteps {
    private static final Pattern OUTSIDE_TRANSACTION = Pattern.compile(
            "^(?:CREATE\\s+(?:UNIQUE\\s+)?INDEX\\s+CONCURRENTLY|DROP\\s+INDEX\\s+CONCURRENTLY|REINDEX\\b.*\\bCONCURRENTLY|VACUUM\\b)",
            Pattern.CASE_INSENSITIVE | Pattern.DOTALL);

    private SchemaSteps() {}

    static List<Step> steps(String host, String container, String database, String owner, List<String> ddl, String digest) {
        List<Step> steps = new ArrayList<>();
        List<String> transaction = new ArrayList<>();
        for (String statement : ddl) {
            if (runsAlone(statement)) {
                if (!transaction.isEmpty()) {
                    steps.add(transaction(host, container, database, owner, transaction, List.of()));
                    transaction.clear();
                }
                steps.add(new Step.Sql(host, container, database, List.of(statement), false));
            } else {
                transaction.add(statement);
            }
        }
        steps.add(transaction(host, container, database, owner, transaction, SchemaState.record(digest)));
        return steps;
    }

    static boolean runsAlone(String statement) {
        return OUTSIDE_TRANSACTION.matcher(statement.strip()).find();
    }

    private static Step.Sql transaction(String host, String container, String database, String owner,
            List<String> ddl, List<String> bookkeeping) {
        List<String> statements = new ArrayList<>();
        if (owner != null && !ddl.isEmpty()) {
            statements.add("SET LOCAL ROLE " + Sql.ident(owner));
        }
        statements.addAll(ddl);
        if (!bookkeeping.isEmpty()) {
            if (owner != null && !ddl.isEmpty()) {
                statements.add("RESET ROLE");
            }
            statements.addAll(bookkeeping);
        }
        return new Step.Sql(host, container, database, statements, true);
    }
}

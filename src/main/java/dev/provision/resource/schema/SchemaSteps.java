package dev.provision.resource.schema;

import dev.provision.plan.Step;
import dev.provision.postgres.Sql;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Turns the DDL of one database into apply steps: one transaction run as the owning role (so what it
 * creates is the owner's, as in the shadow), except statements PostgreSQL refuses inside a
 * transaction (CREATE INDEX CONCURRENTLY and the like), which run alone in their place. Pending
 * migrations run before, each in its own transaction with its record. The last transaction also
 * records the SQL files' and the catalog's digests.
 */
final class SchemaSteps {
    private static final Pattern OUTSIDE_TRANSACTION = Pattern.compile(
            "^(?:CREATE\\s+(?:UNIQUE\\s+)?INDEX\\s+CONCURRENTLY|DROP\\s+INDEX\\s+CONCURRENTLY|REINDEX\\b.*\\bCONCURRENTLY|VACUUM\\b)",
            Pattern.CASE_INSENSITIVE | Pattern.DOTALL);

    private SchemaSteps() {}

    /**
     * @param migrations run first, each in its own transaction with its record
     * @param baseline migrations recorded as applied without running (a new database)
     */
    static List<Step> steps(String host, String container, String database, String owner,
            List<Migrations.Migration> migrations, List<Migrations.Migration> baseline, List<String> ddl, String digest) {
        List<Step> steps = new ArrayList<>();
        for (Migrations.Migration migration : migrations) {
            steps.add(transaction(host, container, database, owner, migration.statements(), Migrations.record(migration)));
        }
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
        List<String> bookkeeping = new ArrayList<>();
        baseline.forEach(migration -> bookkeeping.addAll(Migrations.record(migration)));
        bookkeeping.addAll(SchemaState.record(digest));
        steps.add(transaction(host, container, database, owner, transaction, bookkeeping));
        return steps;
    }

    /** Only migrations, each in its own transaction with its record. */
    static List<Step> migrations(String host, String container, String database, String owner,
            List<Migrations.Migration> migrations) {
        return migrations.stream().<Step>map(m -> transaction(host, container, database, owner, m.statements(),
                Migrations.record(m))).toList();
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
        int records = statements.size();
        if (!bookkeeping.isEmpty()) {
            if (owner != null && !ddl.isEmpty()) {
                statements.add("RESET ROLE");
            }
            statements.addAll(bookkeeping);
        }
        return new Step.Sql(host, container, database, statements, true, statements.size() - records);
    }
}

package dev.provision.cli;

import dev.provision.plan.Step;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Renders the SQL of a step for people reading a plan, with provision's own records as one line. By
 * default: the statements that change the database, without the session settings around them, a long
 * body (a function's, a view's query) shortened to a line count. In full: every statement as it runs.
 */
final class SqlPreview {
    /** Bodies longer than this many lines are shortened unless shown in full. */
    static final int BODY_LINES = 3;

    private static final Pattern SESSION = Pattern.compile(
            "^(?:SET\\s+LOCAL\\s+|RESET\\s+ROLE$|SET\\s+search_path\\b|RESET\\s+search_path$)", Pattern.CASE_INSENSITIVE);
    private static final Pattern ROLE = Pattern.compile("^SET\\s+LOCAL\\s+ROLE\\s+(.+)$", Pattern.CASE_INSENSITIVE);
    private static final Pattern DOLLAR_BODY = Pattern.compile("(\\$[A-Za-z_]*\\$)(.*?)\\1", Pattern.DOTALL);
    private static final Pattern VIEW = Pattern.compile(
            "^(CREATE\\s+(?:OR\\s+REPLACE\\s+)?(?:MATERIALIZED\\s+)?VIEW\\b.*?\\bAS)(\\s+.*)$",
            Pattern.CASE_INSENSITIVE | Pattern.DOTALL);

    private SqlPreview() {}

    /** The lines showing {@code sql}, without indentation: a header, the statements, then the records line. */
    static List<String> lines(Step.Sql sql, boolean full) {
        return lines(sql, full, statement -> List.of());
    }

    /**
     * The lines showing {@code sql}, each statement followed by the lines {@code beside} gives for it
     * (the hazards it carries), as the step holds the statement.
     */
    static List<String> lines(Step.Sql sql, boolean full, java.util.function.Function<String, List<String>> beside) {
        List<String> lines = new ArrayList<>();
        String role = null;
        List<String> shown = new ArrayList<>();
        for (String statement : sql.changes()) {
            Matcher switched = ROLE.matcher(statement.strip());
            if (full) {
                shown.add(statement);
            } else if (switched.matches()) {
                role = switched.group(1);
            } else if (!SESSION.matcher(statement.strip()).find()) {
                shown.add(statement);
            }
        }
        lines.add("psql " + sql.container() + "/" + (sql.database() == null ? "postgres" : sql.database())
                + (sql.transactional() && sql.statements().size() > 1 ? " (one transaction" + (role == null ? ")" : ", as " + role + ")")
                        : role == null ? "" : " (as " + role + ")") + ":");
        for (String statement : shown) {
            lines.addAll((full ? statement.strip() : shortened(statement.strip())).concat(";").lines().toList());
            lines.addAll(beside.apply(statement));
        }
        if (sql.records() > 0) {
            lines.add("-- and " + sql.records() + " statement" + (sql.records() == 1 ? "" : "s")
                    + " recording what was applied in provision's own schema");
        }
        return lines;
    }

    /** {@code statement} with a long function body or view query replaced by its line count. */
    static String shortened(String statement) {
        Matcher body = DOLLAR_BODY.matcher(statement);
        StringBuilder out = new StringBuilder();
        boolean any = false;
        while (body.find()) {
            int count = body.group(2).strip().lines().toList().size();
            if (count > BODY_LINES) {
                body.appendReplacement(out, Matcher.quoteReplacement(body.group(1) + " … " + count + " lines … " + body.group(1)));
                any = true;
            }
        }
        if (any) {
            body.appendTail(out);
            return out.toString();
        }
        Matcher view = VIEW.matcher(statement);
        if (view.matches()) {
            int count = view.group(2).strip().lines().toList().size();
            if (count > BODY_LINES) {
                return view.group(1) + " … " + count + " lines";
            }
        }
        return statement;
    }
}

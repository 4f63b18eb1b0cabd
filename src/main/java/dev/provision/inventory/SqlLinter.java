package dev.provision.inventory;

import dev.provision.diag.SourceRange;
import dev.provision.postgres.SqlParser;
import dev.provision.postgres.SqlScanner;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Finds, offline, syntax errors in a database's SQL files (parsed with a PostgreSQL grammar,
 * {@link SqlParser}), and mistakes that PostgreSQL would accept but that break the
 * workload (a CHECK (false) that rejects every INSERT, REFRESH ... CONCURRENTLY on a view without a
 * unique index) or that do not belong in them (psql commands, databases and roles, grants, switching
 * roles: the files run as the database's owner).
 *
 * <p>Comments and string literals are ignored; function bodies are read, since they are code.
 */
final class SqlLinter {
    private static final String NAME = "(?:\"(?:[^\"]|\"\")+\"|[A-Za-z_][\\w$]*)";
    private static final String QUALIFIED = "(" + NAME + "(?:\\s*\\.\\s*" + NAME + ")?)";
    private static final int FLAGS = Pattern.CASE_INSENSITIVE;
    private static final Pattern CHECK_FALSE = Pattern.compile("\\bCHECK\\s*\\(\\s*(?:false|0\\s*=\\s*1|1\\s*=\\s*0)\\s*\\)", FLAGS);
    private static final Pattern REFRESH_CONCURRENTLY = Pattern.compile(
            "\\bREFRESH\\s+MATERIALIZED\\s+VIEW\\s+CONCURRENTLY\\s+" + QUALIFIED, FLAGS);
    private static final Pattern UNIQUE_INDEX = Pattern.compile("\\bCREATE\\s+UNIQUE\\s+INDEX\\s+(?:CONCURRENTLY\\s+)?"
            + "(?:IF\\s+NOT\\s+EXISTS\\s+)?(?:" + NAME + "\\s+)?ON\\s+(?:ONLY\\s+)?" + QUALIFIED, FLAGS);
    private static final Pattern META_COMMAND = Pattern.compile("(?m)^[ \\t]*(\\\\[A-Za-z]+)");
    private static final Pattern META_LINE = Pattern.compile("(?m)^[ \\t]*\\\\[A-Za-z]+.*$");
    private static final SqlParser PARSER = SqlParser.standard();
    private static final Pattern ROLE_SWITCH = Pattern.compile(
            "^(RESET\\s+ROLE|SET\\s+(?:SESSION\\s+|LOCAL\\s+)?ROLE|SET\\s+SESSION\\s+AUTHORIZATION|RESET\\s+SESSION\\s+AUTHORIZATION)\\b",
            FLAGS);
    private static final Pattern INVENTORY_STATEMENT = Pattern.compile(
            "^(CREATE|ALTER|DROP)\\s+(DATABASE|ROLE|USER)\\b|^(GRANT|REVOKE)\\b", FLAGS);

    private final Problems problems;

    SqlLinter(Problems problems) {
        this.problems = problems;
    }

    /**
     * Checks the readable files of one database together (a unique index may sit in another file than
     * the refresh); {@code migrations} are only checked for syntax.
     */
    void lint(Path baseDir, List<SqlFile> files, boolean migrations) {
        List<Scanned> scanned = new ArrayList<>();
        for (SqlFile file : files) {
            try {
                String text = Files.readString(baseDir.resolve(file.path()), StandardCharsets.UTF_8);
                SqlScanner.Scan scan = SqlScanner.scan(text);
                Scanned one = new Scanned(shown(file.path()), scan, parse(scan));
                for (SqlParser.SyntaxError error : one.parsed().errors()) {
                    problems.error(new SourceRange(one.file(), error.line(), error.column()), "SQL syntax error: " + error.message(),
                            "fix the statement; the files are parsed with PostgreSQL's grammar before anything is contacted");
                }
                scanned.add(one);
            } catch (IOException | RuntimeException e) {
                problems.error(file.at(), "SQL file \"" + file.path() + "\" cannot be read as UTF-8 text",
                        "save it as UTF-8");
            }
        }
        if (migrations) {
            return;
        }
        Set<String> uniquelyIndexed = new HashSet<>();
        for (Scanned s : scanned) {
            Matcher m = UNIQUE_INDEX.matcher(s.scan().masked());
            while (m.find()) {
                uniquelyIndexed.add(normalize(m.group(1)));
            }
        }
        for (Scanned s : scanned) {
            lintFile(s, uniquelyIndexed);
        }
    }

    private void lintFile(Scanned s, Set<String> uniquelyIndexed) {
        String masked = s.scan().masked();
        Matcher m = CHECK_FALSE.matcher(masked);
        while (m.find()) {
            problems.error(at(s, m.start()), "CHECK (" + m.group().replaceAll("(?i)^CHECK\\s*\\(\\s*|\\s*\\)$", "")
                    + ") rejects every row, so every INSERT into this table fails",
                    "to make rows immutable, use a trigger that rejects UPDATE and DELETE (and do not grant them)");
        }
        m = REFRESH_CONCURRENTLY.matcher(masked);
        while (m.find()) {
            String view = normalize(m.group(1));
            if (!uniquelyIndexed.contains(view) && (view.contains(".") || uniquelyIndexed.stream()
                    .noneMatch(indexed -> indexed.endsWith("." + view)))) {
                problems.error(at(s, m.start()), "REFRESH MATERIALIZED VIEW CONCURRENTLY " + m.group(1)
                        + " needs a unique index on the view, and the SQL files create none",
                        "add CREATE UNIQUE INDEX ... ON " + m.group(1) + " (columns that identify a row), or refresh without CONCURRENTLY");
            }
        }
        m = META_COMMAND.matcher(masked);
        while (m.find()) {
            problems.error(at(s, m.start(1)), m.group(1) + " is a psql command, not SQL",
                    "remove it: provision runs each file in the database the inventory lists it under");
        }
        for (SqlParser.Statement statement : s.parsed().statements()) {
            Matcher role = ROLE_SWITCH.matcher(masked.substring(statement.offset()));
            if (role.find()) {
                problems.error(at(s, statement.offset()), role.group(1).replaceAll("\\s+", " ").toUpperCase(Locale.ROOT)
                        + " changes the role the SQL files run as", "remove it: they run as the database's owner, who owns what they create");
            }
            Matcher inventory = INVENTORY_STATEMENT.matcher(masked.substring(statement.offset()).stripLeading());
            if (inventory.find()) {
                String what = inventory.group(3) != null ? inventory.group(3).toUpperCase(Locale.ROOT)
                        : (inventory.group(1) + " " + inventory.group(2)).toUpperCase(Locale.ROOT);
                problems.error(at(s, statement.offset()), what + " does not belong in a schema file",
                        what.startsWith("GRANT") || what.startsWith("REVOKE")
                                ? "declare privileges under grants of the database in the inventory"
                                : "declare databases and roles in the inventory (postgres.databases, postgres.roles)");
            }
        }
    }

    private SourceRange at(Scanned s, int offset) {
        return new SourceRange(s.file(), s.scan().line(offset), s.scan().column(offset));
    }

    /** The file as the user finds it from where they ran the command: next to the inventory file. */
    private Path shown(String path) {
        Path inventory = problems.file();
        return inventory == null ? Path.of(path) : inventory.resolveSibling(path).normalize();
    }

    /** An identifier chain as PostgreSQL folds it: unquoted parts lower-cased, quoted ones kept. */
    private static String normalize(String name) {
        StringBuilder out = new StringBuilder();
        Matcher part = Pattern.compile(NAME).matcher(name);
        while (part.find()) {
            String p = part.group();
            out.append(out.length() == 0 ? "" : ".")
                    .append(p.startsWith("\"") ? p.substring(1, p.length() - 1).replace("\"\"", "\"") : p.toLowerCase(Locale.ROOT));
        }
        return out.toString();
    }

    /** The statements of a scanned file; psql commands (reported on their own) are blanked for the parser. */
    private static SqlParser.Parsed parse(SqlScanner.Scan scan) {
        char[] text = scan.text().toCharArray();
        Matcher meta = META_LINE.matcher(scan.masked());
        while (meta.find()) {
            for (int i = meta.start(); i < meta.end(); i++) {
                text[i] = ' ';
            }
        }
        return PARSER.parse(new String(text));
    }

    private record Scanned(Path file, SqlScanner.Scan scan, SqlParser.Parsed parsed) {}
}

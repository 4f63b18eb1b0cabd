package dev.provision.resource.schema;

import dev.provision.plan.PlanningFailed;
import dev.provision.inventory.SqlFile;
import dev.provision.postgres.SqlParser;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

/**
 * The SQL files of one database as read at plan time, split into statements, with one digest over
 * their names and contents (recorded at apply, compared at the next plan).
 */
record DesiredSql(List<Source> files, String digest) {

    /** One file: the path as the inventory writes it, and its statements. */
    record Source(String path, List<SqlParser.Statement> statements) {}

    DesiredSql {
        files = List.copyOf(files);
    }

    static DesiredSql read(Path baseDir, List<SqlFile> sqlFiles) {
        List<Source> files = new ArrayList<>();
        MessageDigest sha = sha256();
        for (SqlFile file : sqlFiles) {
            String text;
            try {
                text = Files.readString(baseDir.resolve(file.path()), StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new PlanningFailed(file.at() + ": cannot read SQL file " + file.path() + ": " + e.getMessage());
            }
            sha.update((file.path() + "\0" + text + "\0").getBytes(StandardCharsets.UTF_8));
            files.add(new Source(file.path(), statements(file, text)));
        }
        return new DesiredSql(files, HexFormat.of().formatHex(sha.digest()));
    }

    /** The statements of one file, split by the grammar; a syntax error (validate reports it first) fails the plan. */
    static List<SqlParser.Statement> statements(SqlFile file, String text) {
        SqlParser.Parsed parsed = SqlParser.standard().parse(text);
        if (!parsed.errors().isEmpty()) {
            SqlParser.SyntaxError error = parsed.errors().get(0);
            throw new PlanningFailed(file.path() + ":" + error.line() + ":" + error.column() + ": SQL syntax error: "
                    + error.message() + "; fix the file (provision validate lists every error)");
        }
        return parsed.statements();
    }

    List<String> paths() {
        return files.stream().map(Source::path).toList();
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
        }
    }
}

package dev.provision.postgres;

import dev.provision.diag.ErrorCode;
import dev.provision.diag.ProvisionFailure;

import java.sql.SQLException;

/** A SQL statement failed; the message names the server and database, the statement and PostgreSQL's words. */
public class SqlFailed extends ProvisionFailure {
    private static final long serialVersionUID = 1L;

    public SqlFailed(String where, String sql, SQLException cause) {
        super(where + ": " + (sql == null ? "" : "`" + abbreviate(sql) + "` failed: ") + cause.getMessage(), cause);
    }

    private static String abbreviate(String sql) {
        String flat = sql.strip().replaceAll("\\s+", " ");
        return flat.length() > 300 ? flat.substring(0, 300) + "..." : flat;
    }

    @Override
    public ErrorCode code() {
        return ErrorCode.SQL_FAILED;
    }
}

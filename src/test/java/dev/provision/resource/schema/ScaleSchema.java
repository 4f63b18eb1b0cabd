package dev.provision.resource.schema;

/**
 * A generated schema the size of a real team's database, for the tests at scale: {@code tables}
 * tables in the event store's schema, and on every tenth one an index, a view and a trigger calling
 * one shared function.
 */
final class ScaleSchema {
    private ScaleSchema() {}

    /** The SQL file's text for {@code tables} tables. */
    static String sql(int tables) {
        StringBuilder sql = new StringBuilder();
        sql.append("CREATE FUNCTION event_store.touch() RETURNS trigger LANGUAGE plpgsql AS $$\n")
                .append("BEGIN NEW.updated_at := now(); RETURN NEW; END;\n$$;\n");
        for (int t = 0; t < tables; t++) {
            sql.append("CREATE TABLE event_store.t").append(t)
                    .append(" (id bigint PRIMARY KEY, payload text, amount numeric(12,2) NOT NULL DEFAULT 0,")
                    .append(" updated_at timestamptz NOT NULL DEFAULT now());\n");
            if (t % 10 == 0) {
                sql.append("CREATE INDEX t").append(t).append("_updated ON event_store.t").append(t).append(" (updated_at);\n");
                sql.append("CREATE VIEW event_store.v").append(t).append(" AS SELECT id, payload FROM event_store.t").append(t)
                        .append(" WHERE amount > 0;\n");
                sql.append("CREATE TRIGGER t").append(t).append("_touch BEFORE UPDATE ON event_store.t").append(t)
                        .append(" FOR EACH ROW EXECUTE FUNCTION event_store.touch();\n");
            }
        }
        return sql.toString();
    }
}

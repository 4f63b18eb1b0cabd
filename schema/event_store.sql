-- Desired state of the event_store schema of stock_analysis_event_store.
-- Plain SQL describing objects, not migrations: provision diffs it against the live database.
-- Corrected from the seed: immutability lives in a trigger (not in CHECK (false), which rejected
-- every INSERT), and the application role is never granted UPDATE or DELETE on events.

CREATE TABLE event_store.events (
    event_id        uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    event_type      varchar(255) NOT NULL,
    aggregate_type  varchar(255) NOT NULL,
    aggregate_id    uuid NOT NULL,
    event_version   integer NOT NULL,
    event_data      jsonb NOT NULL,
    metadata        jsonb NOT NULL DEFAULT '{}'::jsonb,
    created_at      timestamp with time zone NOT NULL DEFAULT CURRENT_TIMESTAMP,
    created_by      varchar(255) NOT NULL DEFAULT 'system',
    CONSTRAINT events_aggregate_version_key UNIQUE (aggregate_type, aggregate_id, event_version)
);

CREATE INDEX idx_events_type ON event_store.events (event_type, created_at);
CREATE INDEX idx_events_created_at ON event_store.events (created_at);

CREATE FUNCTION event_store.reject_event_mutation() RETURNS trigger
    LANGUAGE plpgsql
AS $$
BEGIN
    RAISE EXCEPTION 'events are immutable: % is not allowed on event_store.events', TG_OP
        USING ERRCODE = 'insufficient_privilege';
END;
$$;

CREATE TRIGGER events_immutable
    BEFORE UPDATE OR DELETE ON event_store.events
    FOR EACH ROW EXECUTE FUNCTION event_store.reject_event_mutation();

CREATE TRIGGER events_no_truncate
    BEFORE TRUNCATE ON event_store.events
    FOR EACH STATEMENT EXECUTE FUNCTION event_store.reject_event_mutation();

CREATE TABLE event_store.snapshots (
    snapshot_id        uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    aggregate_type     varchar(255) NOT NULL,
    aggregate_id       uuid NOT NULL,
    aggregate_version  integer NOT NULL,
    snapshot_data      jsonb NOT NULL,
    created_at         timestamp with time zone NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT snapshots_aggregate_version_key UNIQUE (aggregate_type, aggregate_id, aggregate_version)
);

CREATE TABLE event_store.event_types (
    event_type      varchar(255) PRIMARY KEY,
    schema_version  integer NOT NULL DEFAULT 1,
    json_schema     jsonb NOT NULL,
    description     text,
    created_at      timestamp with time zone NOT NULL DEFAULT CURRENT_TIMESTAMP,
    updated_at      timestamp with time zone NOT NULL DEFAULT CURRENT_TIMESTAMP
);

CREATE TABLE event_store.projections (
    projection_name            varchar(255) PRIMARY KEY,
    last_processed_event_id    uuid,
    last_processed_timestamp   timestamp with time zone,
    projection_version         integer NOT NULL DEFAULT 1,
    status                     varchar(50) NOT NULL DEFAULT 'active',
    error_message              text,
    updated_at                 timestamp with time zone NOT NULL DEFAULT CURRENT_TIMESTAMP
);

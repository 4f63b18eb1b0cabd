CREATE TABLE event_store.events (
    event_id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    event_type varchar(255) NOT NULL
);

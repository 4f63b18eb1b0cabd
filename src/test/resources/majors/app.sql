CREATE TABLE app.items (
    id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    name text NOT NULL,
    created timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX items_name ON app.items (name);
CREATE FUNCTION app.add_item(p_name text) RETURNS bigint LANGUAGE sql AS $$
    INSERT INTO app.items (name) VALUES (p_name) RETURNING id
$$;
CREATE VIEW app.item_names AS SELECT name FROM app.items;

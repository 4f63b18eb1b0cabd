-- A schema file with two syntax errors: a doubled comma and a missing semicolon.
CREATE TABLE app.accounts (
    id      bigint PRIMARY KEY,,
    name    text NOT NULL
);

CREATE TABLE app.entries (id bigint, account bigint)
CREATE INDEX entries_account ON app.entries (account);

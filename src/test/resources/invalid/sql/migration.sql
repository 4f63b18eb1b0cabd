ALTER TABLE app.accounts ADD COLUMN email text;
ALTER TABLE app.accounts ALTER COLUMN email SET NOT NUL;

-- Access control: API tokens (only a hash of each is kept) and who created each task and workflow.
CREATE TABLE api_tokens (
    id           TEXT    PRIMARY KEY,
    name         TEXT    NOT NULL UNIQUE,
    scope        TEXT    NOT NULL,
    hash         TEXT    NOT NULL UNIQUE,
    created_at   INTEGER NOT NULL,
    last_used_at INTEGER,
    revoked_at   INTEGER
) WITHOUT ROWID;

ALTER TABLE tasks ADD COLUMN created_by TEXT;
ALTER TABLE workflows ADD COLUMN created_by TEXT;

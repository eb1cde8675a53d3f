-- Initiatives: work on one repository split into streams. The definition (streams and their tasks) is one JSON text;
-- workflow_id is set once, when it starts (its id derives from the initiative's, so a repeated start finds it).
CREATE TABLE initiatives (
    id          TEXT    PRIMARY KEY,
    name        TEXT    NOT NULL UNIQUE,
    definition  TEXT    NOT NULL,
    workflow_id TEXT,
    created_at  INTEGER NOT NULL,
    created_by  TEXT,
    archived_at INTEGER
);
CREATE INDEX initiatives_created ON initiatives (created_at DESC);

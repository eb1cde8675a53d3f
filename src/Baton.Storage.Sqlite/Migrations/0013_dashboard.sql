-- The dashboard in the browser: sessions (opened with an API token or a one-time code), the one-time codes that
-- `baton dashboard` makes, read-only share links, and the key that signs those links. Secrets are kept as SHA-256
-- hashes; the share key is the one kept as it is, since every node signs and verifies with it.
CREATE TABLE browser_sessions (
    hash       TEXT    PRIMARY KEY,
    id         TEXT    NOT NULL UNIQUE,
    token_id   TEXT,
    name       TEXT    NOT NULL,
    scope      TEXT    NOT NULL,
    created_at INTEGER NOT NULL,
    expires_at INTEGER NOT NULL
) WITHOUT ROWID;

CREATE INDEX browser_sessions_expiry ON browser_sessions (expires_at);

CREATE TABLE browser_codes (
    hash       TEXT    PRIMARY KEY,
    name       TEXT    NOT NULL,
    created_at INTEGER NOT NULL,
    expires_at INTEGER NOT NULL,
    used_at    INTEGER
) WITHOUT ROWID;

CREATE TABLE shares (
    id          TEXT    PRIMARY KEY,
    target_kind TEXT    NOT NULL,
    target_id   TEXT    NOT NULL,
    created_by  TEXT    NOT NULL,
    created_at  INTEGER NOT NULL,
    expires_at  INTEGER NOT NULL,
    revoked_at  INTEGER
) WITHOUT ROWID;

CREATE INDEX shares_newest ON shares (created_at DESC, id DESC);

CREATE TABLE signing_keys (
    name  TEXT PRIMARY KEY,
    value TEXT NOT NULL
) WITHOUT ROWID;

-- The dashboard in the browser: sessions (opened with an API token or a one-time code), the one-time codes that
-- `baton dashboard` makes, read-only share links, and the key that signs those links. Secrets are kept as SHA-256
-- hashes; the share key is the one kept as it is, since every node signs and verifies with it.
CREATE TABLE browser_sessions (
    hash       text   PRIMARY KEY,
    id         text   NOT NULL UNIQUE,
    token_id   text,
    name       text   NOT NULL,
    scope      text   NOT NULL,
    created_at bigint NOT NULL,
    expires_at bigint NOT NULL
);

CREATE INDEX browser_sessions_expiry ON browser_sessions (expires_at);

CREATE TABLE browser_codes (
    hash       text   PRIMARY KEY,
    name       text   NOT NULL,
    created_at bigint NOT NULL,
    expires_at bigint NOT NULL,
    used_at    bigint
);

CREATE TABLE shares (
    id          text   PRIMARY KEY,
    target_kind text   NOT NULL,
    target_id   text   NOT NULL,
    created_by  text   NOT NULL,
    created_at  bigint NOT NULL,
    expires_at  bigint NOT NULL,
    revoked_at  bigint
);

CREATE INDEX shares_newest ON shares (created_at DESC, id DESC);

CREATE TABLE signing_keys (
    name  text PRIMARY KEY,
    value text NOT NULL
);

-- Tasks: one row per task. Times are Unix milliseconds (UTC). seq gives first-in first-out order.
CREATE TABLE tasks (
    seq               INTEGER PRIMARY KEY AUTOINCREMENT,
    id                TEXT    NOT NULL UNIQUE,
    name              TEXT    NOT NULL,
    runner            TEXT    NOT NULL,
    program           TEXT,
    arguments         TEXT    NOT NULL DEFAULT '[]',
    agent_name        TEXT,
    instructions      TEXT,
    model             TEXT,
    working_directory TEXT    NOT NULL,
    environment       TEXT    NOT NULL DEFAULT '{}',
    priority          INTEGER NOT NULL,
    timeout_seconds   INTEGER,
    max_retries       INTEGER NOT NULL,
    retry_backoff     TEXT    NOT NULL,
    retry_on_timeout  INTEGER NOT NULL DEFAULT 0,
    tags              TEXT    NOT NULL DEFAULT '[]',
    metadata          TEXT    NOT NULL DEFAULT '{}',
    run_at            INTEGER,
    idempotency_key   TEXT    UNIQUE,
    status            TEXT    NOT NULL,
    created_at        INTEGER NOT NULL,
    updated_at        INTEGER NOT NULL,
    due_at            INTEGER NOT NULL,
    started_at        INTEGER,
    completed_at      INTEGER,
    attempt_count     INTEGER NOT NULL DEFAULT 0,
    failure_count     INTEGER NOT NULL DEFAULT 0,
    rescue_count      INTEGER NOT NULL DEFAULT 0,
    cancel_requested  INTEGER NOT NULL DEFAULT 0,
    result            TEXT,
    error             TEXT
);

-- The queue: claim order among tasks waiting to run.
CREATE INDEX ix_tasks_queue ON tasks (priority DESC, seq) WHERE status IN ('pending', 'retrying');
-- When the next waiting task becomes due.
CREATE INDEX ix_tasks_due ON tasks (due_at) WHERE status IN ('pending', 'retrying');
-- Listing by status, newest first.
CREATE INDEX ix_tasks_status ON tasks (status, seq);

CREATE TABLE task_tags (
    tag      TEXT    NOT NULL,
    task_seq INTEGER NOT NULL REFERENCES tasks (seq),
    PRIMARY KEY (tag, task_seq)
) WITHOUT ROWID;

-- Attempts: one row per execution of a task; (task_id, number) is the fencing token.
CREATE TABLE attempts (
    task_id          TEXT    NOT NULL REFERENCES tasks (id),
    number           INTEGER NOT NULL,
    status           TEXT    NOT NULL,
    worker_id        TEXT    NOT NULL,
    started_at       INTEGER NOT NULL,
    ended_at         INTEGER,
    lease_expires_at INTEGER,
    exit_code        INTEGER,
    signal           INTEGER,
    error            TEXT,
    log_path         TEXT,
    pid              INTEGER,
    pid_start_ticks  INTEGER,
    boot_id          TEXT,
    PRIMARY KEY (task_id, number)
) WITHOUT ROWID;

CREATE INDEX ix_attempts_running ON attempts (worker_id) WHERE status = 'running';

-- Tasks: one row per task. Times are Unix milliseconds (UTC). seq (the rowid) gives first-in first-out order:
-- new rows get max(seq) + 1. Not AUTOINCREMENT, which costs a write to sqlite_sequence on every insert.
CREATE TABLE tasks (
    seq               INTEGER PRIMARY KEY,
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
    idempotency_key   TEXT,
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

-- Every commit writes each page it changed to the WAL, so each index costs pages per state change. These are
-- partial where they can be, and ordered to append rather than land on random pages.

-- Keys are rare: index only the rows that have one.
CREATE UNIQUE INDEX ix_tasks_idempotency ON tasks (idempotency_key) WHERE idempotency_key IS NOT NULL;
-- The queue: claim order among tasks waiting to run; due_at is carried so that the due filter and the
-- next-due time are read from the index alone.
CREATE INDEX ix_tasks_queue ON tasks (priority DESC, seq, due_at) WHERE status IN ('pending', 'retrying');
-- Listing by status, newest first. Completed tasks, the great majority, are left out: a newest-first scan of the
-- table finds them at once.
CREATE INDEX ix_tasks_status ON tasks (status, seq) WHERE status <> 'completed';

CREATE TABLE task_tags (
    tag      TEXT    NOT NULL,
    task_seq INTEGER NOT NULL REFERENCES tasks (seq),
    PRIMARY KEY (tag, task_seq)
) WITHOUT ROWID;

-- Attempts: one row per execution of a task; (task, number) is the fencing token. Keyed by the task's seq, which
-- grows, so new attempts append; task_id is kept for reading.
CREATE TABLE attempts (
    task_seq         INTEGER NOT NULL REFERENCES tasks (seq),
    task_id          TEXT    NOT NULL,
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
    PRIMARY KEY (task_seq, number)
) WITHOUT ROWID;

CREATE INDEX ix_attempts_running ON attempts (worker_id) WHERE status = 'running';
